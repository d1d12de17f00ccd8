import { sql } from "kysely";
import type { Db } from "../db/database.js";
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
  cinemas: { total: number; problems: CinemaListItem[] };
  vendors: Array<VendorHealth & { accountName: string }>;
}

/**
 * The console's home: only what needs a human now. Orders in needsAttention, cinemas whose sync
 * is failing or stale, vendor accounts whose error rate or latency is up; each item carries the
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
  const [count, oldest, cinemas] = await Promise.all([
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
