import { DomainError } from "../domain/domain-error.js";
import { isInFlight } from "../domain/order-states.js";
import { resumeOrder } from "../orders/admin/repair.js";
import type { OrderService } from "../orders/order-service.js";

/**
 * Support's "retry the refund" (console, admin/support only): a refund the provider kept refusing
 * and the saga FLAGGED goes back to PENDING with a fresh retry timetable (REFUND_RETRY, counted
 * from 0 again: the cause — a merchant balance, a certificate — has been fixed by a person), is
 * asked at once under the same out_refund_no (the provider's idempotency key, so a refund that did
 * go through after all is not paid twice), and an order that was waiting for a person because of
 * this refund is resumed so its saga finishes. The order's events name the person.
 */
export async function retryFlaggedRefund(
  orders: OrderService,
  outRefundNo: string,
  actor: string,
  visible: string[] | undefined,
) {
  const payments = orders.deps.payments;
  if (!payments) throw new DomainError("CONFLICT", "the payment side is not running on this node");
  const refund = await payments.store.refundByNo(outRefundNo);
  const payment = refund ? await payments.store.get(refund.payment_id) : undefined;
  // Another cinema's refund answers like a missing one (ops/scope.ts).
  if (!refund || !payment || (visible && !visible.includes(payment.cinema_id))) {
    throw new DomainError("NOT_FOUND", `refund ${outRefundNo} not found`);
  }
  if (refund.state !== "FLAGGED") {
    throw new DomainError(
      "CONFLICT",
      `refund ${outRefundNo} is ${refund.state}; only a refund flagged for a person can be retried`,
      { state: refund.state },
    );
  }
  const moved = await payments.store.moveRefund(refund.id, "FLAGGED", "PENDING", {
    flagged: false,
    attempts: 0,
    next_at: new Date(orders.deps.clock.now()),
  });
  if (!moved) throw new DomainError("CONFLICT", `refund ${outRefundNo} was retried by someone else just now`);
  await orders.deps.orders.event(orders.deps.db, payment.order_id, "payment.refund.retried", actor, {
    outRefundNo,
    previousAttempts: refund.attempts,
    previousError: refund.last_error,
  });
  const after = await payments.driveRefund(refund.id);
  const order = await orders.deps.orders.get(payment.order_id);
  // Only an order that waits for a person because of this refund (take-payment.ts names it).
  let resume = false;
  if (order?.needs_attention && isInFlight(order.status) && (order.attention_reason ?? "").includes(outRefundNo)) {
    await resumeOrder(orders, order, actor, `refund ${outRefundNo} retried`);
    resume = true;
  }
  return {
    outRefundNo,
    orderId: payment.order_id,
    state: after.state,
    attempts: after.attempts,
    lastError: after.last_error,
    orderResumed: resume,
  };
}
