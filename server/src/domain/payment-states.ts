/**
 * A platform payment's states and refund states, each with the one table of legal moves (like
 * order-states.ts). The payment store refuses any move not listed (payments/payment-store.ts); the
 * migration's CHECKs (db/migrations/0012-payments.ts) list the same words.
 */

export const PAYMENT_STATES = ["CREATED", "PAID", "CLOSED", "REFUNDING", "REFUNDED"] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const REFUND_RECORD_STATES = ["PENDING", "PROCESSING", "SUCCEEDED", "FLAGGED"] as const;
export type RefundRecordState = (typeof REFUND_RECORD_STATES)[number];

interface Move<S> {
  from: S;
  to: S;
  reason: string;
}

export const PAYMENT_MOVES: readonly Move<PaymentState>[] = [
  { from: "CREATED", to: "PAID", reason: "a verified notify or our own query says the buyer paid" },
  { from: "CREATED", to: "CLOSED", reason: "closed unpaid (the lock ended, the order was cancelled, or it expired)" },
  // A close that lost the race with the buyer: the provider answers "already paid" and we learn it.
  { from: "CLOSED", to: "PAID", reason: "the provider reports the trade paid after all (a late payment)" },
  { from: "PAID", to: "REFUNDING", reason: "the money goes back (vendor failed, late, duplicate, amount, refund)" },
  { from: "REFUNDING", to: "REFUNDED", reason: "the provider reports the refund succeeded" },
];

export const REFUND_MOVES: readonly Move<RefundRecordState>[] = [
  { from: "PENDING", to: "PROCESSING", reason: "the provider accepted the refund request" },
  { from: "PENDING", to: "SUCCEEDED", reason: "the provider answered the request with a finished refund" },
  { from: "PENDING", to: "FLAGGED", reason: "the provider kept refusing: its timetable ran out, a person decides" },
  { from: "PROCESSING", to: "SUCCEEDED", reason: "a refund notify or query says the money is back" },
  { from: "PROCESSING", to: "PENDING", reason: "the provider closed the refund: ask again under the same number" },
  { from: "PROCESSING", to: "FLAGGED", reason: "the refund went abnormal or never settled: a person decides" },
  { from: "FLAGGED", to: "PENDING", reason: "support retried the refund" },
];

const keys = <S>(moves: readonly Move<S>[]) => new Set(moves.map((m) => `${m.from}>${m.to}`));
const paymentLegal = keys(PAYMENT_MOVES);
const refundLegal = keys(REFUND_MOVES);

export function canMovePayment(from: PaymentState, to: PaymentState): boolean {
  return paymentLegal.has(`${from}>${to}`);
}

export function canMoveRefund(from: RefundRecordState, to: RefundRecordState): boolean {
  return refundLegal.has(`${from}>${to}`);
}

/** A move the tables do not list: a bug in the caller (a lost race fails the compare-and-set instead). */
export class IllegalPaymentMove extends Error {
  constructor(what: string, from: string, to: string) {
    super(`illegal ${what} move ${from} → ${to}: not in domain/payment-states.ts`);
    this.name = "IllegalPaymentMove";
  }
}

/** The buyer's money was taken by this payment (whatever happens to it next). */
export function wasPaid(state: PaymentState): boolean {
  return state === "PAID" || state === "REFUNDING" || state === "REFUNDED";
}
