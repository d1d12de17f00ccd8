import { minutes, queryEachMinute, type RecoveryPolicy } from "../recovery.js";

/**
 * public-refs §8.3: after a sale whose answer is missing or not final, GetOrderStatus is asked until
 * OrderStatus is 0, 1 or 6 ("2 unknown (network issue) — keep polling"). No public source shows a
 * timetable, nor that SellTicketCustom may be repeated, so the conservative rule: never resend the
 * sale blindly; ask every minute until the show starts, then a person looks (needsAttention). A query
 * answering 0 (still locked, sale not taken) is `not_submitted`, and only then is the sale made again.
 * Refunds: RefundTicket, then GetOrderStatus's RefundStatus every minute for 30 minutes.
 */
export const m1905Recovery: RecoveryPolicy = {
  source:
    "1905 (public-refs §8.3, no vendor document): poll GetOrderStatus every minute until OrderStatus 0/1/6 or the show starts; never resend SellTicketCustom unless the order shows still locked (0)",
  settle: queryEachMinute(),
  refund: [{ action: "query", fromMs: 0, untilMs: minutes(30), everyMs: minutes(1) }],
};
