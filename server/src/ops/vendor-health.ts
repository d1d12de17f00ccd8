import type { RingCallRecorder, VendorCallRecord } from "../vendors/call-recorder.js";

/** The window the home page judges vendors over: recent enough to mean "now", long enough to have calls. */
export const VENDOR_WINDOW_MS = 15 * 60_000;
/** Below this many calls an error rate says nothing (one failed ping is not an outage). */
const MIN_CALLS = 5;
export const ERROR_RATE_ALERT = 0.2;
export const P95_ALERT_MS = 3000;

export interface VendorHealth {
  accountId: string;
  vendor: string;
  calls: number;
  errors: number;
  errorRate: number;
  p95Ms: number;
  /** Error outcomes by code, most frequent first, e.g. [["vendor_unavailable", 4]]. */
  topErrors: Array<[string, number]>;
  status: "ok" | "errors" | "slow" | "quiet";
}

/**
 * Per vendor account: error rate and 95th-percentile latency of its calls in the last window,
 * from the process's call recorder (every sync, trade and console call goes through it).
 * "errors" beats "slow" because a failing vendor loses sales, a slow one only time.
 */
export function vendorHealth(recorder: RingCallRecorder, now: number, windowMs = VENDOR_WINDOW_MS): VendorHealth[] {
  const since = now - windowMs;
  const byAccount = new Map<string, VendorCallRecord[]>();
  for (const r of recorder.recent((r) => r.startedAt >= since, 5000))
    byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
  const out: VendorHealth[] = [];
  for (const [accountId, recs] of byAccount) {
    const errs = recs.filter((r) => r.outcome !== "ok");
    const codes = new Map<string, number>();
    for (const e of errs) codes.set(e.outcome, (codes.get(e.outcome) ?? 0) + 1);
    const durations = recs.map((r) => r.durationMs).sort((a, b) => a - b);
    const p95Ms = durations[Math.min(durations.length - 1, Math.ceil(durations.length * 0.95) - 1)] ?? 0;
    const errorRate = recs.length ? errs.length / recs.length : 0;
    let status: VendorHealth["status"] = "ok";
    if (recs.length < MIN_CALLS) status = errs.length === recs.length ? "errors" : "quiet";
    else if (errorRate >= ERROR_RATE_ALERT) status = "errors";
    else if (p95Ms >= P95_ALERT_MS) status = "slow";
    out.push({
      accountId,
      vendor: recs[0]!.vendor,
      calls: recs.length,
      errors: errs.length,
      errorRate: Math.round(errorRate * 1000) / 1000,
      p95Ms,
      topErrors: [...codes].sort((a, b) => b[1] - a[1]),
      status,
    });
  }
  return out.sort((a, b) => b.errorRate - a.errorRate || b.p95Ms - a.p95Ms);
}
