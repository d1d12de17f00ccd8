import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { PaymentsTable } from "../db/schema.js";
import { toChinaIso } from "../domain/time.js";

const iso = (d: Date | null) => (d ? toChinaIso(d.getTime()) : null);

type PaymentFactsRow = Pick<
  Selectable<PaymentsTable>,
  | "out_trade_no"
  | "provider"
  | "state"
  | "amount_fen"
  | "paid_fen"
  | "paid_at"
  | "transaction_id"
  | "payer_masked"
  | "created_at"
>;

/** A payment as support may see it, wherever it is listed: the payer only ever masked. */
export const paymentFacts = (p: PaymentFactsRow) => ({
  outTradeNo: p.out_trade_no,
  provider: p.provider,
  state: p.state,
  amountFen: p.amount_fen,
  paidFen: p.paid_fen,
  paidAt: iso(p.paid_at),
  transactionId: p.transaction_id,
  payer: p.payer_masked,
  createdAt: toChinaIso(p.created_at.getTime()),
});

/**
 * An order's payments and their refunds as support sees them on the admin order page (the payment
 * and refund timeline): amounts, states, the masked payer, why a refund was made, how often it was
 * tried and whether it waits for a person. Never an openid, a key or a signature.
 */
export async function paymentsOfOrder(db: Db, orderId: string) {
  const [payments, refunds] = await Promise.all([
    db.selectFrom("payments").selectAll().where("order_id", "=", orderId).orderBy("id").execute(),
    db
      .selectFrom("payment_refunds")
      .innerJoin("payments", "payments.id", "payment_refunds.payment_id")
      .selectAll("payment_refunds")
      .select("payments.out_trade_no")
      .where("payments.order_id", "=", orderId)
      .orderBy("payment_refunds.id")
      .execute(),
  ]);
  return {
    payments: payments.map((p) => ({
      ...paymentFacts(p),
      expiresAt: toChinaIso(p.expires_at.getTime()),
      lastError: p.last_error,
    })),
    refunds: refunds.map((r) => ({
      outTradeNo: r.out_trade_no,
      outRefundNo: r.out_refund_no,
      amountFen: r.amount_fen,
      reason: r.reason,
      state: r.state,
      attempts: r.attempts,
      flagged: r.flagged,
      lastError: r.last_error,
      nextAt: iso(r.next_at),
      succeededAt: iso(r.succeeded_at),
      createdAt: toChinaIso(r.created_at.getTime()),
    })),
  };
}
