import { minutes, type RecoveryPolicy } from "../recovery.js";

/**
 * 辰星 publishes no timetable for an order whose SubmitOrder answer was lost or came back without
 * pickup codes (public-refs §3.4, §13). The conservative rule (docs/vendors/chenxing.md,
 * "Recovery"): never send SubmitOrder again — we cannot know whether a second one would sell twice
 * — but ask QueryOrderStatus each minute until the show starts; only PrintNo + VerifyCode (issued),
 * OrderStatus 1 (submit failed) or 2 (refunded) end it, and past the start a human decides
 * (needsAttention). A refund (CancelOrder) whose answer was lost is settled the same way: 2 means
 * refunded, still issued means it did not take effect.
 */
export const chenxingRecovery: RecoveryPolicy = {
  source:
    "public-refs §3.3–3.4 (辰星 has no published recovery timetable): QueryOrderStatus every minute until the showtime; never resend SubmitOrder; OrderStatus 1 = failed, 2 = refunded, PrintNo + VerifyCode = issued",
  settle: [{ action: "query", fromMs: 0, untilMs: "showtime", everyMs: minutes(1) }],
  refund: [{ action: "query", fromMs: 0, untilMs: "showtime", everyMs: minutes(1) }],
};
