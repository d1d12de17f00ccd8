import { minutes, queryEachMinute, type RecoveryPolicy } from "../recovery.js";

/**
 * The refs show no vendor timetable (public-refs §9.5 "After SellTicket"): CEC polls GetOrderState
 * up to 5 times 5 s apart, SH asks GetOrderStatus once, PHP maps 8/9 → sold, 6 → not sold,
 * 7 → refunded. Conservative rule (docs/vendors/mantianxing.md): never send SellTicket again on our
 * own; ask GetOrderStatus each minute until the show, and only 8/9 (sold), 6 (payment failed) or a
 * lock the vendor no longer knows end it. A lost BackTicket is settled the same way (7 = refunded).
 */
export const mantianxingRecovery: RecoveryPolicy = {
  source:
    "public-refs §9.5 (GetOrderStatus after SellTicket: 8/9 sold, 6 failed, 7 refunded; no vendor timetable) — query each minute until the show, never resend SellTicket blindly",
  settle: queryEachMinute(),
  refund: [
    { action: "query", fromMs: minutes(1), untilMs: minutes(30), everyMs: minutes(1) },
    { action: "query", fromMs: minutes(30), untilMs: "showtime", everyMs: minutes(30) },
  ],
};
