import { readJson } from "../db/json-column.js";
import { DomainError } from "../domain/domain-error.js";
import { wasConfirmed } from "../domain/order-states.js";
import type { OrderDeps } from "./deps.js";
import type { OrderRow } from "./order-store.js";
import { holdIndefinitely } from "./seat-holds.js";

export interface ConfirmInput {
  paidFen: number;
  payment: { method: "wechat" | "alipay" | "other"; tradeNo: string };
}

/**
 * POST /v1/orders/{id}/confirm: the buyer has paid the channel. Recorded durably as CONFIRMING
 * (with the payment) before any vendor call; the workflow then drives the vendor to a final answer.
 * Confirming an order that is already past LOCKED with the same payment returns it as it is (a
 * retry with a new Idempotency-Key must not fail); with another payment it is a conflict, because
 * the second payment would otherwise be taken and silently ignored.
 */
export async function startConfirm(
  deps: OrderDeps,
  order: OrderRow,
  input: ConfirmInput,
  actor: string,
): Promise<{ order: OrderRow; started: boolean }> {
  if (order.status !== "LOCKED") {
    if (wasConfirmed(order.status)) {
      if (!samePayment(order, input)) throw otherPaymentConflict(order.status);
      return { order, started: false };
    }
    throw new DomainError("ORDER_STATE_CONFLICT", `order is ${order.status}; only a LOCKED order can be confirmed`);
  }
  if (input.paidFen !== order.total_fen) {
    throw new DomainError("VALIDATION_FAILED", `paidFen ${input.paidFen} does not equal totalFen ${order.total_fen}`, {
      errors: [{ path: "/paidFen", message: `must equal totalFen (${order.total_fen})` }],
    });
  }
  const now = deps.clock.now();
  if (!order.locked_until || order.locked_until.getTime() <= now) {
    throw new DomainError("ORDER_STATE_CONFLICT", "the seat lock has expired; create a new order");
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await deps.orders.transition(
      order.id,
      {
        from: "LOCKED",
        to: "CONFIRMING",
        actor,
        event: "order.confirm",
        set: {
          paid_fen: input.paidFen,
          payment: JSON.stringify(input.payment),
          recovery: JSON.stringify({ startedAt: now }),
        },
        detail: { method: input.payment.method },
      },
      trx,
    );
    if (r) await holdIndefinitely(trx, order.id);
    return r;
  });
  if (!row)
    throw new DomainError("ORDER_STATE_CONFLICT", "the order changed state while confirming; fetch it and retry");
  deps.orders.notify(row);
  return { order: row, started: true };
}

/** The payment recorded when the order was first confirmed is the one this confirm repeats (voucher orders too). */
export function samePayment(order: { paid_fen: number | null; payment: unknown }, input: ConfirmInput): boolean {
  const recorded = order.payment === null ? null : readJson<ConfirmInput["payment"]>(order.payment);
  return (
    order.paid_fen === input.paidFen &&
    recorded?.method === input.payment.method &&
    recorded?.tradeNo === input.payment.tradeNo
  );
}

// Chinese first, then English, like the other texts a channel's support staff read (workflow.ts).
function otherPaymentConflict(status: string): DomainError {
  return new DomainError(
    "ORDER_STATE_CONFLICT",
    `订单已在用另一笔支付确认（当前状态 ${status}），不能再用其他支付确认 / the order is already being confirmed with another payment (status ${status}); a different paidFen or tradeNo cannot confirm it again`,
    { reason: "confirmed_with_other_payment" },
  );
}
