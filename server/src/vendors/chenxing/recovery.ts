import { queryEachMinute, type RecoveryPolicy } from "../recovery.js";

/** Queries before a human is asked: 20 minutes at one a minute (or fewer when the show starts first): longer than VISTA's documented 15. */
const QUERIES = 20;

/**
 * 辰星 publishes no timetable for an order whose SubmitOrder answer was lost or came back without
 * pickup codes (public-refs §3.4, §13). The conservative rule (docs/vendors/chenxing.md,
 * "Recovery"): never send SubmitOrder again — we cannot know whether a second one would sell twice
 * — but ask QueryOrderStatus each minute; only PrintNo + VerifyCode (issued), OrderStatus 1 (submit
 * failed) or 2 (refunded) end it. After 20 queries, or at the show's start if sooner, a human decides
 * (needsAttention): the refs name no status for "locked, never submitted", so a SubmitOrder cut off
 * before it reached 辰星 (a node killed mid-call; chaos run 13) looks the same as a slow issue forever,
 * and a paid buyer must not wait until the showtime for someone to look. A refund (CancelOrder) whose
 * answer was lost is settled the same way: 2 means refunded, still issued means it did not take effect.
 */
export const chenxingRecovery: RecoveryPolicy = {
  source:
    "public-refs §3.3–3.4 (辰星 has no published recovery timetable): QueryOrderStatus every minute, 20 times at most and never past the showtime, then a human; never resend SubmitOrder; OrderStatus 1 = failed, 2 = refunded, PrintNo + VerifyCode = issued",
  settle: queryEachMinute(QUERIES),
  refund: queryEachMinute(QUERIES),
};
