import { DomainError } from "../domain/domain-error.js";
import type { OrderDeps } from "./deps.js";
import type { OrderRow } from "./order-store.js";
import { loadTradeContext } from "./trade-context.js";
import type { OrderWorkflow } from "./workflow.js";

/**
 * POST /v1/orders/{id}/refund: the cinema's rules are checked first (the vendor refunds at all,
 * before its refundBeforeTime, tickets not printed) so a refusal is immediate and explained; then
 * REFUNDING is recorded and the workflow asks the vendor, ending REFUNDED or back in ISSUED with
 * lastRefundError.
 */
export async function requestRefund(
  deps: OrderDeps,
  workflow: OrderWorkflow,
  order: OrderRow,
  reason: string,
  actor: string,
): Promise<{ order: OrderRow; started: boolean }> {
  if (order.status === "REFUNDING" || order.status === "REFUNDED") return { order, started: false };
  if (order.status !== "ISSUED")
    throw new DomainError("ORDER_STATE_CONFLICT", `order is ${order.status}; only an ISSUED order can be refunded`);
  const ctx = await loadTradeContext(deps.db, deps.registry, order.showtime_id);
  if (!ctx) throw new DomainError("NOT_FOUND", "the order's showtime is gone from the catalogue");
  const caps = ctx.connector.capabilities;
  if (!caps.refund || !ctx.connector.refund) {
    throw new DomainError(
      "REFUND_NOT_ALLOWED",
      `${ctx.connector.vendor} cinemas do not accept refunds through the channel API`,
      { reason: "vendor_no_refund" },
    );
  }
  const now = deps.clock.now();
  const beforeMin = ctx.refundBeforeMinutes ?? 0;
  if (now > ctx.showtimeRef.startsAt - beforeMin * 60_000) {
    throw new DomainError("REFUND_NOT_ALLOWED", `refunds close ${beforeMin} minutes before the show`, {
      reason: "too_late",
      beforeShowMinutes: beforeMin,
    });
  }
  if (caps.printStatus && ctx.connector.printStatus) {
    const printed = await ctx.connector.printStatus(workflow.orderRef(order, ctx));
    if (printed.ok && printed.value.printed)
      throw new DomainError("REFUND_NOT_ALLOWED", "the tickets were already printed", { reason: "printed" });
  }
  const row = await deps.orders.transition(order.id, {
    from: "ISSUED",
    to: "REFUNDING",
    actor,
    event: "order.refund",
    set: { refund_reason: reason, last_refund_error: null, recovery: JSON.stringify({ startedAt: now }) },
    detail: { reason },
  });
  if (!row) throw new DomainError("ORDER_STATE_CONFLICT", "the order changed state; fetch it and retry");
  return { order: row, started: true };
}
