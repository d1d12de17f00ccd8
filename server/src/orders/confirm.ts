import { readJson } from "../db/json-column.js";
import type { OrderPaymentPart } from "../db/schema.js";
import { DomainError } from "../domain/domain-error.js";
import { wasConfirmed } from "../domain/order-states.js";
import { cardForCinema, cardRefusal } from "../members/card-prices.js";
import { endUnpaid } from "./cancel.js";
import type { OrderDeps } from "./deps.js";
import { mixedConnector } from "./order-goods.js";
import type { OrderRow } from "./order-store.js";
import { holdIndefinitely } from "./seat-holds.js";
import { checkSplit, type PaymentInput, storedParts } from "./split-payment.js";
import { loadTradeContext } from "./trade-context.js";
import type { OrderWorkflow } from "./workflow.js";

/** Either `paidFen` + `payment` (one payment) or `payments` (a split, API.md). */
export interface ConfirmInput {
  paidFen?: number;
  payment?: { method: "wechat" | "alipay" | "other"; tradeNo: string };
  payments?: PaymentInput[];
}

/**
 * How long no worker may run a card-paid order's vendor step after CONFIRMING is recorded: the
 * confirm request itself makes the one call that carries the password, within the vendor call's
 * own timeout (30 s); a worker that finds the step still not begun after this knows the request
 * died before the call (steps/confirm-at-vendor.ts fails the order then).
 */
export const CARD_CONFIRM_GRACE_MS = 2 * 60_000;

export interface ConfirmContext {
  channelId: string;
  workflow: OrderWorkflow;
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
  cc: ConfirmContext,
): Promise<{ order: OrderRow; started: boolean; cardPassword?: string }> {
  if ((input.payments === undefined) === (input.payment === undefined)) {
    throw new DomainError("VALIDATION_FAILED", "send either paidFen + payment or payments", {
      errors: [{ path: "/payments", message: "exactly one of payment and payments is required" }],
    });
  }
  if (order.status !== "LOCKED") {
    if (wasConfirmed(order.status)) {
      if (!samePayment(order, input)) throw otherPaymentConflict(order.status);
      return { order, started: false };
    }
    throw new DomainError("ORDER_STATE_CONFLICT", `order is ${order.status}; only a LOCKED order can be confirmed`);
  }
  if (!input.payments && input.paidFen !== order.total_fen) {
    throw new DomainError("VALIDATION_FAILED", `paidFen ${input.paidFen} does not equal totalFen ${order.total_fen}`, {
      errors: [{ path: "/paidFen", message: `must equal totalFen (${order.total_fen})` }],
    });
  }
  const now = deps.clock.now();
  if (!order.locked_until || order.locked_until.getTime() <= now) {
    throw new DomainError("ORDER_STATE_CONFLICT", "the seat lock has expired; create a new order");
  }
  const split = input.payments ? await checkCardPart(deps, order, input.payments, actor, cc) : undefined;
  const payment = input.payment ?? summaryOf(input.payments!);
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await deps.orders.transition(
      order.id,
      {
        from: "LOCKED",
        to: "CONFIRMING",
        actor,
        event: "order.confirm",
        set: {
          paid_fen: order.total_fen,
          payment: JSON.stringify(payment),
          ...(input.payments ? { payment_parts: JSON.stringify(storedParts(input.payments, split?.cardNo)) } : {}),
          // A card-paid order's vendor step runs in this request first (it alone has the password).
          recovery: JSON.stringify(
            split?.password ? { startedAt: now, nextAt: now + CARD_CONFIRM_GRACE_MS } : { startedAt: now },
          ),
        },
        detail: { method: payment.method, ...(input.payments ? { parts: input.payments.map((p) => p.method) } : {}) },
      },
      trx,
    );
    if (r) await holdIndefinitely(trx, order.id);
    return r;
  });
  if (!row)
    throw new DomainError("ORDER_STATE_CONFLICT", "the order changed state while confirming; fetch it and retry");
  deps.orders.notify(row);
  return { order: row, started: true, ...(split?.password ? { cardPassword: split.password } : {}) };
}

/** The one-line payment the order keeps besides its parts (the console's and webhooks' summary). */
function summaryOf(parts: PaymentInput[]): { method: string; tradeNo: string } {
  const wallet = parts.find((p) => p.method !== "member_card");
  return { method: "split", tradeNo: wallet?.tradeNo ?? "" };
}

/**
 * A split payment's checks before anything is charged or recorded: the split itself, then the card
 * part at the vendor — the card is this cinema's, the connector takes card payments, the password is
 * right and the balance covers the part (ykse §7.8 queryBalance). A wrong password leaves the order
 * LOCKED for the buyer to try again (one vendor call per request: no retry loop that locks the card);
 * a balance too low ends the order (seats released) with INSUFFICIENT_BALANCE and the balance.
 */
async function checkCardPart(
  deps: OrderDeps,
  order: OrderRow,
  parts: PaymentInput[],
  actor: string,
  cc: ConfirmContext,
): Promise<{ cardNo: string; password: string } | undefined> {
  const part = checkSplit(order, parts);
  if (!part) return undefined;
  const ctx = await loadTradeContext(deps.db, deps.registry, order.showtime_id);
  if (!ctx) throw new DomainError("NOT_FOUND", "the order's showtime is gone from the catalogue");
  const c = mixedConnector(ctx, "member-card payments");
  const card = await cardForCinema(deps.db, cc.channelId, part.cardRef!, order.cinema_id);
  const balance = await c.members.balance(ctx.cinema, card.cardNo, part.password!);
  if (!balance.ok) throw cardRefusal(balance.error);
  const balanceFen = balance.value.balanceFen ?? 0;
  if (balanceFen < part.amountFen) {
    await endUnpaid(deps, cc.workflow, order, "CANCELLED", actor);
    throw new DomainError(
      "INSUFFICIENT_BALANCE",
      `the card's balance ${balanceFen} fen does not cover ${part.amountFen} fen`,
      {
        balanceFen,
      },
    );
  }
  return { cardNo: card.cardNo, password: part.password! };
}

/** The payment recorded when the order was first confirmed is the one this confirm repeats. */
function samePayment(order: OrderRow, input: ConfirmInput): boolean {
  if (input.payments) {
    const recorded = order.payment_parts === null ? [] : readJson<OrderPaymentPart[]>(order.payment_parts);
    const key = (p: { method: string; amountFen: number; tradeNo?: string; cardRef?: string }) =>
      `${p.method}|${p.amountFen}|${p.tradeNo ?? ""}|${p.cardRef ?? ""}`;
    return recorded.map(key).sort().join(";") === input.payments.map(key).sort().join(";");
  }
  return order.payment_parts === null && sameSinglePayment(order, input);
}

/** The one payment recorded at the first confirm is the one this confirm repeats (voucher orders too). */
export function sameSinglePayment(order: { paid_fen: number | null; payment: unknown }, input: ConfirmInput): boolean {
  const recorded = order.payment === null ? null : readJson<NonNullable<ConfirmInput["payment"]>>(order.payment);
  return (
    order.paid_fen === input.paidFen &&
    recorded?.method === input.payment?.method &&
    recorded?.tradeNo === input.payment?.tradeNo
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
