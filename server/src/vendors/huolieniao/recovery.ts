import { queryEachMinute, type RecoveryPolicy } from "../recovery.js";

/** Queries before a human is asked: 20 minutes at one a minute (fewer when the show starts first). */
const QUERIES = 20;

/**
 * 火烈鸟 1.5 (and the 2013 standard) publish no timetable for a sale whose answer was lost
 * (public-refs §6, §13). The conservative rule (docs/vendors/huolieniao.md, "Recovery"): never send
 * SubmitSCTSOrder again — a second one could sell twice — but ask QueryOrder each minute. PrintNo +
 * VerifyCode mean issued; every seat RefundStatus=Yes means refunded. The refs name no status for
 * "locked, never submitted", so after 20 queries, or at the show's start if sooner, a human decides.
 * A refund (RefundTicket) whose answer was lost is settled the same way.
 */
export const huolieniaoRecovery: RecoveryPolicy = {
  source:
    "public-refs §6.2 (no published recovery timetable): QueryOrder every minute, 20 times at most and never past the showtime, then a human; never resend SubmitSCTSOrder; PrintNo + VerifyCode = issued, all seats RefundStatus Yes = refunded",
  settle: queryEachMinute(QUERIES),
  refund: queryEachMinute(QUERIES),
};
