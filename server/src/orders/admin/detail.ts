import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { readJson } from "../../db/json-column.js";
import type { OrderSeat, RecoveryState } from "../../db/schema.js";
import { DomainError } from "../../domain/domain-error.js";
import { isInFlight } from "../../domain/order-states.js";
import { toChinaIso } from "../../domain/time.js";
import { paymentsOfOrder } from "../../payments/payment-view.js";
import type { RingCallRecorder, VendorCallRecord } from "../../vendors/call-recorder.js";
import { orderCalls } from "../order-calls.js";
import { goodsLinesOf, memberCardOf, paymentPartsOf } from "../order-parts-view.js";
import type { OrderRow } from "../order-store.js";
import { mobileLast4, scrubJson, scrubMobiles } from "./mask.js";

const iso = (d: Date | null) => (d ? toChinaIso(d.getTime()) : null);

/** Ids shorter than this are too generic to find an order's calls by ("1", "OK"). */
const MIN_MATCH_ID = 6;

/**
 * Loads an order the actor may see, or answers 404: an order of a cinema outside an operator's
 * list is indistinguishable from a missing one.
 */
export async function visibleOrder(db: Db, id: string, visible: string[] | undefined): Promise<OrderRow> {
  const row = await db.selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || (visible && !visible.includes(row.cinema_id)))
    throw new DomainError("NOT_FOUND", `order ${id} not found`);
  return row;
}

/**
 * The vendor calls made for an order: those kept with the order (order_vendor_calls: workflow steps,
 * releases, console queries), plus any this node's in-memory call ring still holds that name the
 * order (our order id, the vendor's lock id or order number) or that the step journal points at —
 * which covers calls made before they were kept. Already masked by the transport.
 */
export function vendorCallsFor(
  recorder: RingCallRecorder,
  accountId: string,
  order: Pick<OrderRow, "id" | "vendor_lock_id" | "vendor_order_id" | "mobile">,
  journalCallIds: string[],
  kept: VendorCallRecord[] = [],
): VendorCallRecord[] {
  const needles = [order.id, order.vendor_lock_id, order.vendor_order_id].filter(
    (s): s is string => !!s && s.length >= MIN_MATCH_ID,
  );
  const byId = new Map<string, VendorCallRecord>(kept.map((r) => [r.id, r]));
  for (const id of journalCallIds) {
    const rec = recorder.find(id);
    if (rec) byId.set(rec.id, rec);
  }
  for (const rec of recorder.recent(
    (r) => r.accountId === accountId && needles.some((n) => r.request.includes(n) || r.response.includes(n)),
    200,
  )) {
    byId.set(rec.id, rec);
  }
  return [...byId.values()]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((r) => ({
      ...r,
      request: scrubMobiles(r.request, order.mobile),
      response: scrubMobiles(r.response, order.mobile),
    }));
}

/** The call record in the shape the console shows (times in China time). */
export function callView(r: VendorCallRecord) {
  return {
    id: r.id,
    call: r.call,
    startedAt: toChinaIso(r.startedAt),
    durationMs: r.durationMs,
    outcome: r.outcome,
    httpStatus: r.httpStatus ?? null,
    vendorCode: r.vendorCode ?? null,
    request: r.request,
    response: r.response,
  };
}

/** Everything the order page shows: summary, timeline, step journal, vendor calls, webhook deliveries. */
export async function orderDetail(
  db: Db,
  recorder: RingCallRecorder,
  id: string,
  visible: string[] | undefined,
  now: number,
) {
  const order = await visibleOrder(db, id, visible);
  const [context, channelRef, events, steps, webhooks, money] = await Promise.all([
    db
      .selectFrom("showtimes")
      .innerJoin("cinemas", "cinemas.id", "showtimes.cinema_id")
      .innerJoin("halls", "halls.id", "showtimes.hall_id")
      .innerJoin("films", "films.id", "showtimes.film_id")
      .innerJoin("channels", (j) => j.on("channels.id", "=", order.channel_id))
      .select([
        "cinemas.name as cinema_name",
        "cinemas.vendor",
        "cinemas.vendor_account_id",
        "cinemas.vendor_cinema_id",
        "cinemas.refund_before_minutes",
        "halls.name as hall_name",
        "films.title as film_title",
        "showtimes.starts_at",
        "showtimes.business_day",
        "channels.code as channel_code",
        "channels.name as channel_name",
      ])
      .where("showtimes.id", "=", order.showtime_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("idempotency_keys")
      .select("key")
      .where("channel_id", "=", order.channel_id)
      .where("scope", "=", "create")
      .where(sql<string>`response->>'id'`, "=", order.id)
      .executeTakeFirst(),
    db.selectFrom("order_events").selectAll().where("order_id", "=", id).orderBy("id").execute(),
    db.selectFrom("order_steps").selectAll().where("order_id", "=", id).orderBy("id").execute(),
    db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("order_id", "=", id)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    paymentsOfOrder(db, id),
  ]);

  const seats = readJson<OrderSeat[]>(order.seats);
  const recovery = readJson<RecoveryState>(order.recovery);
  const calls = vendorCallsFor(
    recorder,
    context.vendor_account_id,
    order,
    steps.map((s) => s.call_id).filter((c): c is string => !!c),
    await orderCalls(db, order.id),
  );
  const startsAt = context.starts_at.getTime();
  const inFlight = isInFlight(order.status);

  return {
    order: {
      id: order.id,
      status: order.status,
      needsAttention: order.needs_attention,
      attentionReason: order.attention_reason,
      channel: { id: order.channel_id, code: context.channel_code, name: context.channel_name },
      channelRef: channelRef?.key ?? null,
      cinema: {
        id: order.cinema_id,
        name: context.cinema_name,
        vendor: context.vendor,
        vendorCinemaId: context.vendor_cinema_id,
        refundBeforeMinutes: context.refund_before_minutes,
      },
      showtime: {
        id: order.showtime_id,
        filmTitle: context.film_title,
        hallName: context.hall_name,
        startsAt: toChinaIso(startsAt),
        businessDay: context.business_day,
      },
      seats: seats.map((s) => ({
        id: s.seatId,
        row: s.row,
        col: s.col,
        saleFen: s.saleFen,
        serviceFeeFen: s.serviceFeeFen,
        settleFen: s.settleFen,
      })),
      // Concessions, how the seats were priced and the split of a card-paid confirm (0016).
      goods: goodsLinesOf(order).map((g) => ({
        goodsId: g.goodsId,
        vendorGoodsId: g.vendorGoodsId,
        name: g.name,
        isPackage: g.isPackage,
        count: g.count,
        saleFen: g.saleFen,
      })),
      priceKind: order.price_kind ?? "standard",
      memberCard: memberCardOf(order),
      paymentParts: paymentPartsOf(order),
      totalFen: order.total_fen,
      settleTotalFen: order.settle_total_fen,
      paidFen: order.paid_fen,
      payment: order.payment ? readJson<{ method: string; tradeNo: string }>(order.payment) : null,
      mobile: mobileLast4(order.mobile),
      lockedUntil: iso(order.locked_until),
      vendorLockId: order.vendor_lock_id,
      vendorOrderId: order.vendor_order_id,
      tickets: order.tickets ? readJson<Array<{ seatId: string; ticketNo?: string }>>(order.tickets) : [],
      pickup: order.pickup ? readJson<Record<string, string>>(order.pickup) : {},
      repaid: order.repaid,
      failureReason: order.failure_reason,
      refundReason: order.refund_reason,
      lastRefundError: order.last_refund_error,
      recovery: {
        startedAt: recovery.startedAt ? toChinaIso(recovery.startedAt) : null,
        nextAt: inFlight && recovery.nextAt ? toChinaIso(recovery.nextAt) : null,
        attempts: recovery.attempts ?? [],
      },
      createdAt: toChinaIso(order.created_at.getTime()),
      updatedAt: toChinaIso(order.updated_at.getTime()),
    },
    events: events.map((e) => ({
      id: Number(e.id),
      at: toChinaIso(e.at.getTime()),
      type: e.type,
      from: e.from_status,
      to: e.to_status,
      actor: e.actor,
      detail: scrubJson(readJson<Record<string, unknown>>(e.detail), order.mobile),
    })),
    steps: steps.map((s) => ({
      id: Number(s.id),
      action: s.action,
      attempt: s.attempt,
      startedAt: toChinaIso(s.started_at.getTime()),
      finishedAt: iso(s.finished_at),
      outcome: s.outcome,
      vendorCode: s.vendor_code,
      callId: s.call_id,
      detail: s.detail ? scrubMobiles(s.detail, order.mobile) : null,
    })),
    vendorCalls: calls.map(callView),
    // The buyer site's money (empty for a channel's own orders): trades and their refunds.
    payments: money.payments,
    refunds: money.refunds,
    webhooks: webhooks.map((w) => {
      let sentStatus: string | null = null;
      try {
        sentStatus = (JSON.parse(w.body) as { order?: { status?: string } }).order?.status ?? null;
      } catch {
        sentStatus = null;
      }
      return {
        id: w.id,
        url: w.url,
        status: w.status,
        orderStatus: sentStatus,
        attempts: w.attempts,
        lastStatusCode: w.last_status_code,
        lastError: w.last_error,
        createdAt: toChinaIso(w.created_at.getTime()),
        deliveredAt: iso(w.delivered_at),
      };
    }),
    actions: availableActions(order, startsAt, context.refund_before_minutes, now),
  };
}

/**
 * Which repair actions make sense now, with the reason when not, so the page can grey out a
 * button and say why instead of letting support staff collect 409s. The server checks again.
 */
export function availableActions(order: OrderRow, startsAt: number, refundBeforeMinutes: number | null, now: number) {
  const inFlight = isInFlight(order.status);
  const refundClosesAt = startsAt - (refundBeforeMinutes ?? 0) * 60_000;
  return {
    vendorQuery: { allowed: order.vendor_lock_id !== null || order.vendor_order_id !== null },
    resume: inFlight ? { allowed: true } : { allowed: false, reason: "not_in_flight" },
    refund:
      order.status !== "ISSUED"
        ? { allowed: false, reason: "not_issued" }
        : now > refundClosesAt
          ? { allowed: false, reason: "too_late" }
          : { allowed: true },
    resolve: order.needs_attention ? { allowed: true } : { allowed: false, reason: "not_flagged" },
  };
}
