import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
import type { Db } from "../db/database.js";
import type { Database, PaymentRefundsTable, PaymentsTable } from "../db/schema.js";
import {
  canMovePayment,
  canMoveRefund,
  IllegalPaymentMove,
  type PaymentState,
  type RefundRecordState,
} from "../domain/payment-states.js";

export type PaymentRow = Selectable<PaymentsTable>;
export type RefundRow = Selectable<PaymentRefundsTable>;
type Executor = Db | Transaction<Database>;

/**
 * The durable record of the platform's payments, their refunds and every notify received. Every
 * state change is a compare-and-set on the state (two workers, or a notify racing our own query,
 * can never both move one payment out of the same state), checked against the tables in
 * domain/payment-states.ts first, like orders/order-store.ts.
 */
export class PaymentStore {
  constructor(
    readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Stamped by the injected clock, not the database's: reconciliation and the console's date filters read it. */
  async insert(values: Insertable<PaymentsTable>, executor: Executor = this.db): Promise<PaymentRow> {
    const at = new Date(this.now());
    return executor
      .insertInto("payments")
      .values({ created_at: at, updated_at: at, ...values })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async get(id: string): Promise<PaymentRow | undefined> {
    return this.db.selectFrom("payments").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async byOutTradeNo(outTradeNo: string): Promise<PaymentRow | undefined> {
    return this.db.selectFrom("payments").selectAll().where("out_trade_no", "=", outTradeNo).executeTakeFirst();
  }

  async forOrder(orderId: string): Promise<PaymentRow[]> {
    return this.db.selectFrom("payments").selectAll().where("order_id", "=", orderId).orderBy("id").execute();
  }

  /** Moves a payment from `from` to `to` if it is still in `from`; undefined when the race was lost. */
  async move(
    id: string,
    from: PaymentState,
    to: PaymentState,
    set: Omit<Updateable<PaymentsTable>, "id" | "state"> = {},
    executor: Executor = this.db,
  ): Promise<PaymentRow | undefined> {
    if (!canMovePayment(from, to)) throw new IllegalPaymentMove("payment", from, to);
    return executor
      .updateTable("payments")
      .set({ ...set, state: to, updated_at: new Date(this.now()) })
      .where("id", "=", id)
      .where("state", "=", from)
      .returningAll()
      .executeTakeFirst();
  }

  async update(id: string, set: Omit<Updateable<PaymentsTable>, "id" | "state">): Promise<void> {
    await this.db
      .updateTable("payments")
      .set({ ...set, updated_at: new Date(this.now()) })
      .where("id", "=", id)
      .execute();
  }

  /** The payment's one refund, made if it does not exist yet (a repeat returns the first). */
  async ensureRefund(payment: PaymentRow, reason: string): Promise<RefundRow> {
    await this.db
      .insertInto("payment_refunds")
      .values({
        payment_id: payment.id,
        // Reused for every retry of this refund (payments.md §1.9): the provider's idempotency key.
        out_refund_no: `${payment.out_trade_no}R`,
        amount_fen: payment.paid_fen ?? payment.amount_fen,
        reason,
        state: "PENDING",
        next_at: new Date(this.now()),
        created_at: new Date(this.now()),
        updated_at: new Date(this.now()),
      })
      .onConflict((oc) => oc.column("payment_id").doNothing())
      .execute();
    return (await this.refundOf(payment.id))!;
  }

  async refundOf(paymentId: string): Promise<RefundRow | undefined> {
    return this.db.selectFrom("payment_refunds").selectAll().where("payment_id", "=", paymentId).executeTakeFirst();
  }

  async refundByNo(outRefundNo: string): Promise<RefundRow | undefined> {
    return this.db
      .selectFrom("payment_refunds")
      .selectAll()
      .where("out_refund_no", "=", outRefundNo)
      .executeTakeFirst();
  }

  async refundsForOrder(orderId: string): Promise<Array<RefundRow & { out_trade_no: string }>> {
    return this.db
      .selectFrom("payment_refunds")
      .innerJoin("payments", "payments.id", "payment_refunds.payment_id")
      .selectAll("payment_refunds")
      .select("payments.out_trade_no")
      .where("payments.order_id", "=", orderId)
      .orderBy("payment_refunds.id")
      .execute();
  }

  async moveRefund(
    id: string,
    from: RefundRecordState,
    to: RefundRecordState,
    set: Omit<Updateable<PaymentRefundsTable>, "id" | "state"> = {},
  ): Promise<RefundRow | undefined> {
    if (!canMoveRefund(from, to)) throw new IllegalPaymentMove("refund", from, to);
    return this.db
      .updateTable("payment_refunds")
      .set({ ...set, state: to, updated_at: new Date(this.now()) })
      .where("id", "=", id)
      .where("state", "=", from)
      .returningAll()
      .executeTakeFirst();
  }

  async updateRefund(id: string, set: Omit<Updateable<PaymentRefundsTable>, "id" | "state">): Promise<RefundRow> {
    return this.db
      .updateTable("payment_refunds")
      .set({ ...set, updated_at: new Date(this.now()) })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Refunds still to drive whose next attempt is due. */
  async dueRefunds(limit = 100): Promise<RefundRow[]> {
    return this.db
      .selectFrom("payment_refunds")
      .selectAll()
      .where("state", "in", ["PENDING", "PROCESSING"])
      .where("next_at", "<=", new Date(this.now()))
      .orderBy("next_at")
      .limit(limit)
      .execute();
  }

  async recordNotify(n: {
    cinemaId: string;
    provider: string;
    verified: boolean;
    outcome: string;
    notifyId?: string;
    outTradeNo?: string;
    outRefundNo?: string;
    detail?: Record<string, unknown>;
  }): Promise<void> {
    await this.db
      .insertInto("payment_notifies")
      .values({
        cinema_id: n.cinemaId,
        provider: n.provider,
        received_at: new Date(this.now()),
        verified: n.verified,
        outcome: n.outcome,
        notify_id: n.notifyId ?? null,
        out_trade_no: n.outTradeNo ?? null,
        out_refund_no: n.outRefundNo ?? null,
        detail: JSON.stringify(n.detail ?? {}),
      })
      .execute();
  }

  async notifiesFor(outTradeNos: string[]) {
    if (outTradeNos.length === 0) return [];
    return this.db
      .selectFrom("payment_notifies")
      .selectAll()
      .where("out_trade_no", "in", outTradeNos)
      .orderBy("id")
      .execute();
  }
}

/** A payer id as support may see it: enough to tell two buyers apart, never the whole openid. */
export function maskPayer(id: string | undefined): string | null {
  if (!id) return null;
  return id.length <= 8 ? "****" : `${id.slice(0, 4)}****${id.slice(-4)}`;
}
