import { readJson } from "../../db/json-column.js";
import type { RecoveryState } from "../../db/schema.js";
import { DomainError } from "../../domain/domain-error.js";
import { type InFlightStatus, isInFlight } from "../../domain/order-states.js";
import { captureCalls } from "../../ops/call-capture.js";
import { withOrderCalls } from "../order-calls.js";
import type { OrderService } from "../order-service.js";
import type { OrderRow } from "../order-store.js";
import { requestRefund } from "../refund.js";
import { releaseHolds } from "../seat-holds.js";
import { loadTradeContext } from "../trade-context.js";
import { callView } from "./detail.js";
import { scrubJson } from "./mask.js";

async function tradeContext(orders: OrderService, order: OrderRow) {
  const ctx = await loadTradeContext(orders.deps.db, orders.deps.registry, order.showtime_id);
  if (!ctx)
    throw new DomainError("CONFLICT", "the order's showtime is gone from the catalogue; the vendor cannot be asked");
  return ctx;
}

/**
 * "Query the vendor now": the connector's queryOrder through the order's own trade context, exactly
 * the call the recovery policy makes, with the decoded answer and the raw (masked) exchange. It
 * changes nothing on the order: if the answer settles it, "resume" lets the workflow apply it.
 */
export async function queryVendorNow(orders: OrderService, order: OrderRow) {
  if (!order.vendor_lock_id && !order.vendor_order_id) {
    throw new DomainError("ORDER_STATE_CONFLICT", "the vendor never accepted this order (no lock id): nothing to ask");
  }
  const ctx = await tradeContext(orders, order);
  const ref = orders.workflow.orderRef(order, ctx);
  const started = Date.now();
  const query = () => ctx.connector.queryOrder(ref);
  const { value, calls } = await captureCalls(() => withOrderCalls(orders.deps.db, order.id, query));
  return scrubJson(
    {
      ok: value.ok,
      answer: value.ok ? value.value : null,
      error: value.ok ? null : value.error,
      durationMs: Date.now() - started,
      calls: calls.map(callView),
    },
    order.mobile,
  );
}

/**
 * "Resume": re-queue the order's next workflow step now. An order flagged needsAttention ran out
 * of its vendor's recovery timetable, so resuming clears the flag and restarts that timetable from
 * its beginning (its queries first, then whatever the vendor documents next); the order's own
 * confirm or refund call is not repeated. Only CONFIRMING and REFUNDING orders have steps to run.
 */
export async function resumeOrder(orders: OrderService, order: OrderRow, actor: string, note: string | undefined) {
  if (!isInFlight(order.status)) {
    throw new DomainError(
      "ORDER_STATE_CONFLICT",
      `order is ${order.status}; only CONFIRMING and REFUNDING orders have workflow steps to resume`,
    );
  }
  const now = orders.deps.clock.now();
  const rec = readJson<RecoveryState>(order.recovery);
  const restarted = order.needs_attention;
  const next: RecoveryState = restarted ? { initialDone: rec.initialDone, startedAt: now, attempts: [] } : rec;
  await orders.deps.orders.update(order.id, {
    needs_attention: false,
    attention_reason: null,
    recovery: JSON.stringify({ ...next, nextAt: now }),
  });
  await orders.deps.orders.event(orders.deps.db, order.id, "console.resume", actor, {
    restartedTimetable: restarted,
    ...(note ? { note } : {}),
  });
  await orders.scheduler.schedule(order.id, now);
  return { queued: true, restartedTimetable: restarted };
}

/**
 * "Request refund": the channel refund's own rules and path (refund.ts: vendor refunds at all,
 * before the cinema's cut-off, tickets not printed), recorded with the console user as actor, then
 * the workflow drives the vendor as for a channel's refund.
 */
export async function refundOrder(orders: OrderService, order: OrderRow, actor: string, reason: string) {
  const { order: row, started } = await requestRefund(orders.deps, orders.workflow, order, reason, actor);
  if (started) await orders.scheduler.schedule(row.id, orders.deps.clock.now());
  return { status: row.status, started };
}

export type ResolveOutcome = "failed" | "refunded" | "refund_refused";

/** Which final state a human may settle an in-flight order to. */
const OUTCOMES: Record<InFlightStatus, readonly ResolveOutcome[]> = {
  CONFIRMING: ["failed"],
  REFUNDING: ["refunded", "refund_refused"],
};

/**
 * "Mark resolved": support handled a flagged order outside the system (phoned the cinema, repaid
 * the buyer …) and says so with a note; the order leaves the needs-attention list.
 *
 * An order still CONFIRMING or REFUNDING must be given its final state at the same time, as the
 * cinema confirmed it: left in flight without the flag, the sweeper would re-queue it and the
 * exhausted timetable would flag it again within minutes. A ticket the cinema says it issued is
 * not typed in here: "query vendor" + "resume" lets the workflow record it with its pickup codes.
 */
export async function resolveOrder(
  orders: OrderService,
  order: OrderRow,
  actor: string,
  note: string,
  outcome: ResolveOutcome | undefined,
) {
  if (!order.needs_attention)
    throw new DomainError("ORDER_STATE_CONFLICT", "the order is not flagged as needing attention");
  const store = orders.deps.orders;
  const clear = { needs_attention: false, attention_reason: null };
  const detail = { note, ...(outcome ? { outcome } : {}) };
  if (!isInFlight(order.status)) {
    if (outcome)
      throw new DomainError("ORDER_STATE_CONFLICT", `order is ${order.status}; it is final, give no outcome`);
    await store.update(order.id, clear);
    await store.event(orders.deps.db, order.id, "console.resolve", actor, detail);
    return { status: order.status };
  }
  const allowed = OUTCOMES[order.status];
  if (!outcome || !allowed.includes(outcome)) {
    throw new DomainError(
      "VALIDATION_FAILED",
      `order is ${order.status}: outcome must be one of ${allowed.join(", ")}`,
      {
        errors: [{ path: "/outcome", message: `must be one of ${allowed.join(", ")}` }],
      },
    );
  }
  const row = await orders.deps.db.transaction().execute(async (trx) => {
    const r =
      outcome === "failed"
        ? await store.transition(
            order.id,
            {
              from: "CONFIRMING",
              to: "FAILED",
              actor,
              event: "console.resolve",
              set: { ...clear, failure_reason: `resolved by support: ${note}`, repaid: false },
              detail,
            },
            trx,
          )
        : outcome === "refunded"
          ? await store.transition(
              order.id,
              { from: "REFUNDING", to: "REFUNDED", actor, event: "console.resolve", set: clear, detail },
              trx,
            )
          : await store.transition(
              order.id,
              {
                from: "REFUNDING",
                to: "ISSUED",
                actor,
                event: "console.resolve",
                set: { ...clear, last_refund_error: `refund refused (resolved by support): ${note}`, recovery: "{}" },
                detail,
              },
              trx,
            );
    // FAILED and REFUNDED free the seats, as when the workflow gets there itself.
    if (r && outcome !== "refund_refused") await releaseHolds(trx, order.id);
    return r;
  });
  if (!row) throw new DomainError("ORDER_STATE_CONFLICT", "the order changed state meanwhile; reload it and retry");
  store.notify(row);
  // As on the workflow's own failure path: give the vendor's seats back too (best effort; a lock the
  // vendor already dropped answers with an error that changes nothing).
  if (outcome === "failed" && order.vendor_lock_id) {
    const ctx = await loadTradeContext(orders.deps.db, orders.deps.registry, order.showtime_id);
    if (ctx) {
      const release = () => ctx.connector.release(orders.workflow.orderRef(order, ctx));
      await withOrderCalls(orders.deps.db, order.id, release).catch(() => undefined);
    }
  }
  return { status: row.status };
}
