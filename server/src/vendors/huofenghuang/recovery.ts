import { queryEachMinute, type RecoveryPolicy } from "../recovery.js";

/** Queries before a human is asked: as 辰星, 20 at one a minute (or fewer when the show starts first). */
const QUERIES = 20;

/**
 * 火凤凰 publishes no recovery timetable (public-refs §5, §13). What the refs show: the sale
 * (fixCashOrder) is keyed by our own `orderNo`, given at lock, and `qryOrder` finds it by that
 * number: `statusInd` 1 = confirmed, 0 = pending / unpaid, anything else = failed (CEC's mapping).
 * So the conservative rule (docs/vendors/huofenghuang.md, "Recovery"): never send fixCashOrder again
 * — we cannot know whether a second one would sell twice — but ask qryOrder each minute. Because 0
 * means both "still issuing" and "locked, never sold", an order that stays 0 is given to a human
 * after 20 queries or at the show's start, whichever is sooner, rather than guessed. A refund
 * (cancelOrder) whose answer was lost has no timetable: the refs name no "refunded" value of
 * statusInd to query for, and a second cancelOrder of a refunded booking would answer 104 ("not
 * found"), which cannot tell "refunded" from "never existed" — so a person settles it.
 */
export const huofenghuangRecovery: RecoveryPolicy = {
  source:
    "火凤凰 asmx: no vendor document; public-refs §5.2 (qryOrder by our orderNo, statusInd 1 confirmed / 0 pending / other failed). Conservative: qryOrder every minute, 20 times at most and never past the showtime, then a human; never resend fixCashOrder. An unsettled refund goes to a human",
  settle: queryEachMinute(QUERIES),
  refund: [],
};
