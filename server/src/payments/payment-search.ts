import type { Db } from "../db/database.js";
import { chinaDayRange } from "../domain/china-days.js";
import type { PaymentState, RefundRecordState } from "../domain/payment-states.js";
import { paymentFacts } from "./payment-view.js";

export interface PaymentSearch {
  cinemaId?: string;
  state?: PaymentState;
  /** Payments whose refund is in this state (FLAGGED: the ones waiting for a person). */
  refundState?: RefundRecordState;
  /** China calendar dates, inclusive, over the payment's creation time. */
  from?: string;
  to?: string;
  /** Our out_trade_no, the provider's transaction id, or our order id: matched exactly (indexed, no scans). */
  q?: string;
  page: number;
  pageSize: number;
}

/**
 * The console's payments list: newest first, paged, every filter combined with AND. `visible` is
 * the operator's cinema list (undefined = all cinemas); payments of other cinemas never match.
 * The payer is only ever the masked id stored with the payment.
 */
export async function searchPayments(db: Db, s: PaymentSearch, visible: string[] | undefined) {
  const { from, toExclusive } = chinaDayRange(s);
  if (visible && visible.length === 0) return { items: [], page: s.page, pageSize: s.pageSize, total: 0 };

  let base = db.selectFrom("payments").leftJoin("payment_refunds", "payment_refunds.payment_id", "payments.id");
  if (visible) base = base.where("payments.cinema_id", "in", visible);
  if (s.cinemaId) base = base.where("payments.cinema_id", "=", s.cinemaId);
  if (s.state) base = base.where("payments.state", "=", s.state);
  if (s.refundState) base = base.where("payment_refunds.state", "=", s.refundState);
  if (from) base = base.where("payments.created_at", ">=", from);
  if (toExclusive) base = base.where("payments.created_at", "<", toExclusive);
  const q = s.q?.trim();
  if (q) {
    base = base.where((eb) =>
      eb.or([
        eb("payments.out_trade_no", "=", q),
        eb("payments.transaction_id", "=", q),
        eb("payments.order_id", "=", q),
      ]),
    );
  }

  const [rows, count] = await Promise.all([
    base
      .innerJoin("cinemas", "cinemas.id", "payments.cinema_id")
      .select([
        "payments.out_trade_no",
        "payments.order_id",
        "payments.cinema_id",
        "cinemas.name as cinema_name",
        "payments.provider",
        "payments.state",
        "payments.amount_fen",
        "payments.paid_fen",
        "payments.transaction_id",
        "payments.payer_masked",
        "payments.paid_at",
        "payments.created_at",
        "payment_refunds.out_refund_no",
        "payment_refunds.state as refund_state",
        "payment_refunds.reason as refund_reason",
        "payment_refunds.attempts as refund_attempts",
        "payment_refunds.last_error as refund_last_error",
      ])
      .orderBy("payments.created_at", "desc")
      .orderBy("payments.id", "desc")
      .limit(s.pageSize)
      .offset((s.page - 1) * s.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);

  return {
    items: rows.map((r) => ({
      ...paymentFacts(r),
      orderId: r.order_id,
      cinemaId: r.cinema_id,
      cinemaName: r.cinema_name,
      refund:
        r.out_refund_no && r.refund_state
          ? {
              outRefundNo: r.out_refund_no,
              state: r.refund_state,
              reason: r.refund_reason ?? "",
              attempts: r.refund_attempts ?? 0,
              lastError: r.refund_last_error,
            }
          : null,
    })),
    page: s.page,
    pageSize: s.pageSize,
    total: Number(count.n),
  };
}
