import { type ExpressionBuilder, sql } from "kysely";
import type { Db } from "../../db/database.js";
import { readJson } from "../../db/json-column.js";
import type { Database, OrderSeat } from "../../db/schema.js";
import { chinaDayRange } from "../../domain/china-days.js";
import { DomainError } from "../../domain/domain-error.js";
import type { OrderStatus } from "../../domain/order-states.js";
import { toChinaIso } from "../../domain/time.js";
import { mobileLast4 } from "./mask.js";

export interface OrderSearch {
  /**
   * One box for whatever the caller has in hand: our order id, the channel's own reference (the
   * Idempotency-Key it created the order with), the cinema's order number, a pickup/verify code,
   * a full mobile or its last 4 digits. Matched exactly (no substring scans over the table).
   */
  q?: string;
  orderId?: string;
  channelRef?: string;
  vendorOrderId?: string;
  pickupCode?: string;
  /** 11 digits (exact) or 4 digits (last four). */
  mobile?: string;
  cinemaId?: string;
  channel?: string;
  status?: OrderStatus;
  /** China calendar dates, inclusive, over the order's creation time. */
  from?: string;
  to?: string;
  needsAttention?: boolean;
  page: number;
  pageSize: number;
}

type Eb = ExpressionBuilder<Database, "orders">;

/** Matches an order by the channel's reference: the key of the create call that produced it. */
const byChannelRef = (eb: Eb, ref: string) =>
  eb.exists(
    eb
      .selectFrom("idempotency_keys")
      .select(sql`1`.as("one"))
      .whereRef("idempotency_keys.channel_id", "=", "orders.channel_id")
      .where("idempotency_keys.scope", "=", "create")
      .where("idempotency_keys.key", "=", ref)
      .whereRef(sql<string>`idempotency_keys.response->>'id'`, "=", "orders.id"),
  );

/** Any pickup field (printCode, verifyCode, …) equal to the code. */
const byPickup = (eb: Eb, code: string) =>
  eb.exists(
    eb
      .selectFrom(sql`jsonb_each_text(coalesce(orders.pickup, '{}'::jsonb))`.as("p"))
      .select(sql`1`.as("one"))
      .where(sql.ref("p.value"), "=", code),
  );

const byMobile = (eb: Eb, mobile: string) =>
  mobile.length === 4 ? eb(sql<string>`right(orders.mobile, 4)`, "=", mobile) : eb("orders.mobile", "=", mobile);

const MOBILE = /^(\d{4}|1\d{10})$/;

/**
 * Order search for the console: newest first, paged, every filter combined with AND. `visible`
 * is the operator's cinema list (undefined = all cinemas); orders of other cinemas never match.
 */
export async function searchOrders(db: Db, s: OrderSearch, visible: string[] | undefined) {
  if (s.mobile !== undefined && !MOBILE.test(s.mobile)) {
    throw new DomainError("VALIDATION_FAILED", "mobile must be 11 digits or the last 4 digits", {
      errors: [{ path: "/mobile", message: "must be 11 digits or 4 digits" }],
    });
  }
  const { from, toExclusive } = chinaDayRange(s);
  if (visible && visible.length === 0) return { items: [], page: s.page, pageSize: s.pageSize, total: 0 };

  let base = db.selectFrom("orders");
  if (visible) base = base.where("orders.cinema_id", "in", visible);
  if (s.orderId) base = base.where("orders.id", "=", s.orderId);
  if (s.vendorOrderId) base = base.where("orders.vendor_order_id", "=", s.vendorOrderId);
  if (s.cinemaId) base = base.where("orders.cinema_id", "=", s.cinemaId);
  if (s.status) base = base.where("orders.status", "=", s.status);
  if (s.needsAttention !== undefined) base = base.where("orders.needs_attention", "=", s.needsAttention);
  if (from) base = base.where("orders.created_at", ">=", from);
  if (toExclusive) base = base.where("orders.created_at", "<", toExclusive);
  const channelRef = s.channelRef;
  if (channelRef) base = base.where((eb) => byChannelRef(eb, channelRef));
  const pickup = s.pickupCode;
  if (pickup) base = base.where((eb) => byPickup(eb, pickup));
  const mobile = s.mobile;
  if (mobile) base = base.where((eb) => byMobile(eb, mobile));
  const channel = s.channel;
  if (channel) {
    base = base.where("orders.channel_id", "in", (eb) =>
      eb.selectFrom("channels").select("channels.id").where("channels.code", "=", channel),
    );
  }
  const q = s.q?.trim();
  if (q) {
    base = base.where((eb) =>
      eb.or([
        eb("orders.id", "=", q),
        eb("orders.vendor_order_id", "=", q),
        eb("orders.vendor_lock_id", "=", q),
        byPickup(eb, q),
        byChannelRef(eb, q),
        ...(MOBILE.test(q) ? [byMobile(eb, q)] : []),
      ]),
    );
  }

  const [rows, count] = await Promise.all([
    base
      .innerJoin("cinemas", "cinemas.id", "orders.cinema_id")
      .innerJoin("channels", "channels.id", "orders.channel_id")
      .innerJoin("showtimes", "showtimes.id", "orders.showtime_id")
      .innerJoin("films", "films.id", "showtimes.film_id")
      .select([
        "orders.id",
        "orders.status",
        "orders.needs_attention",
        "orders.attention_reason",
        "orders.cinema_id",
        "orders.mobile",
        "orders.seats",
        "orders.total_fen",
        "orders.pickup",
        "orders.vendor_order_id",
        "orders.created_at",
        "orders.updated_at",
        "cinemas.name as cinema_name",
        "channels.code as channel_code",
        "films.title as film_title",
        "showtimes.starts_at",
      ])
      .orderBy("orders.created_at", "desc")
      .orderBy("orders.id", "desc")
      .limit(s.pageSize)
      .offset((s.page - 1) * s.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);

  return {
    items: rows.map((r) => {
      const seats = readJson<OrderSeat[]>(r.seats);
      const pickup = readJson<Record<string, string> | null>(r.pickup);
      return {
        id: r.id,
        status: r.status,
        needsAttention: r.needs_attention,
        attentionReason: r.attention_reason,
        cinemaId: r.cinema_id,
        cinemaName: r.cinema_name,
        channel: r.channel_code,
        filmTitle: r.film_title,
        startsAt: toChinaIso(r.starts_at.getTime()),
        seats: seats.map((x) => ({ row: x.row, col: x.col })),
        totalFen: r.total_fen,
        mobile: mobileLast4(r.mobile),
        pickup: pickup ?? {},
        vendorOrderId: r.vendor_order_id,
        createdAt: toChinaIso(r.created_at.getTime()),
        updatedAt: toChinaIso(r.updated_at.getTime()),
      };
    }),
    page: s.page,
    pageSize: s.pageSize,
    total: Number(count.n),
  };
}
