import { minutes, type RecoveryPolicy } from "../recovery.js";

/**
 * Doc 003 §2.2 (订票接口调用流程图), step for step, after CompleteOrder (⑧) did not answer Result 0
 * (or did not answer at all):
 *
 * 1. ⑩⑪ GetOrder, and ⑧ CompleteOrder again only while GetOrder's CinemaId is set ("AddTickets done,
 *    CompleteOrder not called"). This is the VISTA connector's `confirm` with attempt ≥ 2: it always
 *    asks GetOrder first and never sends CompleteOrder for an order whose CinemaId is null — so the
 *    "confirm" action is safe here although CompleteOrder itself is not idempotent. One attempt.
 * 2. ⑫ QueryOrderBookingStatus, 15 times, one minute apart ("循环 15 次,间隔 1 分钟"). Found →
 *    issued (⑯ 出票成功).
 * 3. ⑬⑭ CancelOrder once. Success → reversed (⑰ 出票失败, the buyer is refunded by us).
 * 4. ⑮ CancelOrder failed → RefundBooking. The refund action first resolves the booking
 *    (QueryOrderBookingStatus / GetSingleBooking) and, following §3.12's advice for refunds without a
 *    clear answer, is retried up to 10 times one minute apart.
 *
 * The phase model expresses all of it without extension: "CinemaId set?" is decided inside the
 * confirm action, and "RefundBooking if CancelOrder fails" by ordering — a cancel that does not end
 * in a final state leaves its one-attempt phase, and the next phase is the refund.
 *
 * Refunds (§2.4, §3.12): only ResultCode 0 is a refund; otherwise call refund and query booking
 * status / GetSingleBooking repeatedly (10 times or more), one minute apart. The connector's
 * `refund` does both in one action (GetSingleBooking first: already refunded → refunded, printed →
 * refund_refused; then RefundBooking), so the refund timetable is that action ×10 at 1-minute
 * intervals, offsets from the first refund attempt. Past it: needsAttention ("请联系影城进行退票").
 */
export const vistaRecoveryPolicy: RecoveryPolicy = {
  source:
    "doc 003 §2.2 (GetOrder → CompleteOrder again if CinemaId set → QueryOrderBookingStatus ×15 at 1 min → CancelOrder → RefundBooking); §3.12 (refund + query ×10 at 1 min)",
  settle: [
    { action: "confirm", fromMs: 0, untilMs: minutes(5), everyMs: 0, maxAttempts: 1 },
    { action: "query", fromMs: 0, untilMs: minutes(30), everyMs: minutes(1), maxAttempts: 15 },
    { action: "cancel", fromMs: 0, untilMs: minutes(120), everyMs: 0, maxAttempts: 1 },
    { action: "refund", fromMs: 0, untilMs: minutes(180), everyMs: minutes(1), maxAttempts: 10 },
  ],
  refund: [{ action: "refund", fromMs: 0, untilMs: minutes(60), everyMs: minutes(1), maxAttempts: 10 }],
};
