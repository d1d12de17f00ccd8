/**
 * When the payment side asks the provider on its own, as data (like vendors/recovery.ts): the
 * trade query while the buyer may still be paying (a notify can be lost or late, payments.md §1.7),
 * and the refund retries. Offsets are on the injected clock.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Our own trade queries, measured from the trade's creation: often at first (most buyers pay within
 * a minute), then every few minutes until the lock's end, when the trade is closed either way.
 */
export const TRADE_QUERY = {
  offsetsMs: [15 * SECOND, 45 * SECOND, 90 * SECOND, 3 * MINUTE, 5 * MINUTE, 8 * MINUTE, 11 * MINUTE, 14 * MINUTE],
  thenEveryMs: 3 * MINUTE,
} as const;

/** The next query at or after `now` for a trade created at `createdAt`. */
export function nextTradeQueryAt(createdAt: number, now: number): number {
  for (const off of TRADE_QUERY.offsetsMs) if (createdAt + off > now) return createdAt + off;
  const last = createdAt + TRADE_QUERY.offsetsMs[TRADE_QUERY.offsetsMs.length - 1]!;
  const steps = Math.floor((now - last) / TRADE_QUERY.thenEveryMs) + 1;
  return last + steps * TRADE_QUERY.thenEveryMs;
}

/**
 * A refund request the provider refused (or did not answer) is asked again, with the same
 * out_refund_no, after each of these waits; when they are used up the refund is FLAGGED for a
 * person (needs-attention). An accepted refund is polled every `pollEveryMs` until it settles, and
 * flagged if it has not after `settleWithinMs` (WeChat settles in minutes to days; ABNORMAL never).
 */
export const REFUND_RETRY = {
  retryAfterMs: [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 3 * 60 * MINUTE],
  pollEveryMs: 1 * MINUTE,
  settleWithinMs: 3 * 24 * 60 * MINUTE,
} as const;

/** After `attempts` refused requests: when to ask again, or "flag" when the timetable is used up. */
export function nextRefundAttempt(attempts: number, now: number): number | "flag" {
  const wait = REFUND_RETRY.retryAfterMs[attempts - 1];
  return wait === undefined ? "flag" : now + wait;
}
