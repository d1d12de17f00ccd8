import { methodOf } from "../../payments/paid-orders.js";
import { nextTradeQueryAt } from "../../payments/timetables.js";
import type { OrderStep, OrderStepRun, OrderVerdict } from "../order-step.js";
import { holdIndefinitely } from "../seat-holds.js";

/**
 * Take payment ↔ refund payment: the one step between the lock and the vendor confirm, for the
 * orders whose money the platform takes (`takes_payment`, set when the buyer site starts paying:
 * payments/paid-orders.ts). For any other order (a channel that takes its own money and calls
 * confirm) both directions are done at once and change nothing.
 *
 * invoke runs while the order is LOCKED: it waits for a paid trade of the order's amount (a
 * verified notify wakes it; otherwise our own query on payments/timetables.ts TRADE_QUERY), then
 * moves the order LOCKED → CONFIRMING with that payment, and the saga goes on to the vendor. At the
 * lock's end with nothing paid, the open trade is closed and the step is refused: the lock is
 * released and the order ends EXPIRED (workflow.ts). An Alipay trade the buyer never brought to
 * the cashier answers query and close with `not_found`: that is "not paid yet", and a payment that
 * still arrives after our close goes back as a late payment (payments/paid-orders.ts closeOne).
 *
 * compensate (the vendor failed, or an issued order is refunded) gives the order's payment back,
 * retried on REFUND_RETRY; a refund the provider keeps refusing is flagged and the order needs a
 * person (needs-attention, like the vendor steps).
 */
export const takePayment = {
  name: "take-payment",

  async invoke(run: OrderStepRun): Promise<OrderVerdict> {
    const { deps, order } = run;
    if (!order.takes_payment || order.status !== "LOCKED") return { kind: "done" };
    const payments = deps.payments;
    if (!payments) return { kind: "attention", reason: "the payment side is not running on this node" };
    const now = deps.clock.now();
    const lockEnd = order.locked_until?.getTime() ?? now;
    // Our own trade query has its own timetable (a notify may be lost: payments.md §1.7).
    const queryDue = (run.state.nextQueryAt ?? 0) <= now || now >= lockEnd;
    let progress = await payments.progress(order, queryDue);
    if (progress.kind !== "paid" && now >= lockEnd) {
      // A close that finds the trade paid records it: look once more before giving up.
      await payments.closeOpen(order.id);
      progress = await payments.progress(order, false);
      if (progress.kind !== "paid")
        return { kind: "refused", reason: "the seat lock ended before the payment arrived" };
    }
    if (progress.kind === "paid") {
      const p = progress.payment;
      const method = methodOf(p.provider);
      const row = await deps.db.transaction().execute(async (trx) => {
        const r = await deps.orders.transition(
          order.id,
          {
            from: "LOCKED",
            to: "CONFIRMING",
            actor: "workflow",
            event: "order.confirm",
            set: {
              paid_fen: p.paid_fen,
              payment: JSON.stringify({ method, tradeNo: p.out_trade_no }),
            },
            detail: { method, outTradeNo: p.out_trade_no, takenBy: "platform" },
          },
          trx,
        );
        if (r) await holdIndefinitely(trx, order.id);
        return r;
      });
      if (!row) {
        // The order left LOCKED meanwhile (the sweeper expired it, the buyer cancelled): the money goes back.
        await payments.settle(p);
        return { kind: "refused", reason: "the order stopped waiting for payment before the money was taken" };
      }
      Object.assign(order, row);
      deps.orders.notify(row);
      // Any other paid trade of this order is now a duplicate payment: it goes back.
      for (const other of await payments.store.forOrder(order.id)) {
        if (other.id !== p.id && other.state === "PAID") await payments.settle(other);
      }
      return { kind: "done", facts: { event: "payment.taken", detail: { outTradeNo: p.out_trade_no } } };
    }
    const createdAt = progress.kind === "waiting" ? progress.createdAt : now;
    const nextQueryAt = nextTradeQueryAt(createdAt, now);
    // No `nextAt`: a notify must be able to wake this step at once (workflow.ts honours nextAt).
    await run.save({ ...run.state, nextQueryAt });
    return { kind: "later", at: Math.min(nextQueryAt, lockEnd) };
  },

  async compensate(run: OrderStepRun): Promise<OrderVerdict> {
    const { deps, order } = run;
    if (!order.takes_payment) return { kind: "done" };
    const payments = deps.payments;
    if (!payments) return { kind: "attention", reason: "the payment side is not running on this node" };
    const payment = await payments.confirmedPayment(order);
    if (!payment) return { kind: "done" };
    const reason = run.cursor.reason !== undefined ? "vendor_failed" : "order_refunded";
    const refund =
      payment.state === "PAID"
        ? await payments.refund(payment, reason)
        : await payments.driveRefund((await payments.store.ensureRefund(payment, reason)).id);
    if (refund.state === "SUCCEEDED") {
      return {
        kind: "done",
        facts: { set: { repaid: true }, event: "payment.repaid", detail: { outRefundNo: refund.out_refund_no } },
      };
    }
    if (refund.state === "FLAGGED") {
      return {
        kind: "attention",
        reason: `退款被支付平台拒绝，已标记人工处理 / the refund ${refund.out_refund_no} was refused ${refund.attempts} times (${refund.last_error ?? "no answer"}); flagged for a person`,
      };
    }
    const at = refund.next_at?.getTime() ?? deps.clock.now() + 60_000;
    await run.save({ ...run.state, nextAt: at });
    return { kind: "later", at };
  },
} satisfies OrderStep;
