import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { toChinaIso } from "../domain/time.js";
import type { RingCallRecorder } from "../vendors/call-recorder.js";
import { type CinemaListItem, listCinemas } from "./cinema-list.js";
import { type VendorHealth, vendorHealth } from "./vendor-health.js";

export interface HomeView {
  needsAttention: {
    count: number;
    /** The oldest few, so the first one to act on is visible without opening the orders page. */
    items: Array<{
      id: string;
      cinemaId: string;
      cinemaName: string;
      status: string;
      reason: string | null;
      updatedAt: string;
    }>;
  };
  /** Showtimes the sync keeps off sale for an unreadable or insane price (catalog/sync/price-check.ts). */
  priceHolds: {
    count: number;
    items: Array<{
      showtimeId: string;
      vendorShowtimeId: string;
      cinemaId: string;
      cinemaName: string;
      startsAt: string;
      warning: string;
    }>;
  };
  cinemas: { total: number; problems: CinemaListItem[] };
  vendors: Array<VendorHealth & { accountName: string }>;
}

/**
 * The console's home: only what needs a human now. Orders in needsAttention, showtimes held off
 * sale for their price, cinemas whose sync is failing or stale, vendor accounts whose error rate or latency is up; each item carries the
 * ids the page needs to link to where to act. `ids` scopes everything to an operator's cinemas.
 */
export async function homeView(
  db: Db,
  calls: RingCallRecorder,
  now: number,
  ids: string[] | undefined,
): Promise<HomeView> {
  let attention = db
    .selectFrom("orders")
    .innerJoin("cinemas", "cinemas.id", "orders.cinema_id")
    .where("orders.needs_attention", "=", true);
  // An operator with no cinemas matches nothing ("in ()" is not valid SQL).
  if (ids) attention = attention.where(ids.length ? sql<boolean>`orders.cinema_id = any(${ids})` : sql<boolean>`false`);
  let held = db
    .selectFrom("showtimes")
    .innerJoin("cinemas", "cinemas.id", "showtimes.cinema_id")
    .where("showtimes.price_warning", "is not", null)
    .where("showtimes.valid", "=", true)
    .where("showtimes.stop_selling_at", ">", new Date(now));
  if (ids) held = held.where(ids.length ? sql<boolean>`showtimes.cinema_id = any(${ids})` : sql<boolean>`false`);
  const [count, oldest, cinemas, heldCount, heldFirst] = await Promise.all([
    attention.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    attention
      .select([
        "orders.id",
        "orders.cinema_id",
        "cinemas.name as cinema_name",
        "orders.status",
        "orders.attention_reason",
        "orders.updated_at",
      ])
      .orderBy("orders.updated_at")
      .limit(5)
      .execute(),
    listCinemas(db, now, { ids }),
    held.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    held
      .select([
        "showtimes.id",
        "showtimes.vendor_showtime_id",
        "showtimes.cinema_id",
        "cinemas.name as cinema_name",
        "showtimes.starts_at",
        "showtimes.price_warning",
      ])
      .orderBy("showtimes.starts_at")
      .limit(5)
      .execute(),
  ]);
  const accountNames = new Map(
    (await db.selectFrom("vendor_accounts").select(["id", "name"]).execute()).map((a) => [a.id, a.name]),
  );
  const visibleAccounts = ids ? new Set(cinemas.map((c) => c.vendorAccountId)) : undefined;
  return {
    needsAttention: {
      count: Number(count.n),
      items: oldest.map((o) => ({
        id: o.id,
        cinemaId: o.cinema_id,
        cinemaName: o.cinema_name,
        status: o.status,
        reason: o.attention_reason,
        updatedAt: o.updated_at.toISOString(),
      })),
    },
    priceHolds: {
      count: Number(heldCount.n),
      items: heldFirst.map((h) => ({
        showtimeId: h.id,
        vendorShowtimeId: h.vendor_showtime_id,
        cinemaId: h.cinema_id,
        cinemaName: h.cinema_name,
        startsAt: toChinaIso(h.starts_at.getTime()),
        warning: h.price_warning ?? "",
      })),
    },
    cinemas: {
      total: cinemas.length,
      problems: cinemas.filter((c) => c.active && (c.sync.status === "failing" || c.sync.status === "stale")),
    },
    vendors: vendorHealth(calls, now)
      .filter((v) => v.status === "errors" || v.status === "slow")
      .filter((v) => !visibleAccounts || visibleAccounts.has(v.accountId))
      .map((v) => ({ ...v, accountName: accountNames.get(v.accountId) ?? v.accountId })),
  };
}
