import { minutes, queryEachMinute, type RecoveryPolicy } from "../recovery.js";

/**
 * public-refs §7.2–7.3 show queryOrder with status 1 unpaid, 3 paid (issuing), 4 success, 5 failed,
 * and no timetable, nor that submitOrder may be repeated. The conservative rule: never resend the
 * sale blindly; ask queryOrder every minute until the show starts, then a person looks. Only a query
 * answering 1 (locked, sale not taken) lets the sale be made again. Refunds: revokeTicket, then
 * queryOrder (status 6) every minute for 30 minutes.
 */
export const huolieniao5Recovery: RecoveryPolicy = {
  source:
    "火烈鸟 5.0 / YXT (public-refs §7.3, no vendor document): poll queryOrder every minute until status 2/4/5/6 or the show starts; never resend submitOrder unless the order shows unpaid (1)",
  settle: queryEachMinute(),
  refund: [{ action: "query", fromMs: 0, untilMs: minutes(30), everyMs: minutes(1) }],
};
