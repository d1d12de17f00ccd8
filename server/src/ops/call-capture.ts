import type { RingCallRecorder, VendorCallRecord } from "../vendors/call-recorder.js";

/**
 * Collects the vendor calls one console action makes. The recorder is shared by the whole process,
 * so the action's calls are the account's records that were not there before it started. A sync
 * of the same account running at that very moment could slip one of its calls in; every record
 * names its call, so support staff can tell.
 */
export async function captureCalls<T>(
  recorder: RingCallRecorder,
  accountId: string,
  run: () => Promise<T>,
  extraMask: readonly string[] = [],
): Promise<{ value: T; calls: VendorCallRecord[] }> {
  const mine = (r: VendorCallRecord) => r.accountId === accountId;
  const before = new Set(recorder.recent(mine, 500).map((r) => r.id));
  const value = await run();
  const calls = recorder
    .recent(mine, 500)
    .filter((r) => !before.has(r.id))
    .reverse()
    .map((r) => maskMore(r, extraMask));
  return { value, calls };
}

/** Card passwords typed into the console are masked again here, whatever the connector already did. */
function maskMore(rec: VendorCallRecord, extra: readonly string[]): VendorCallRecord {
  const mask = (s: string) => extra.reduce((out, v) => (v ? out.split(v).join("***") : out), s);
  return extra.length ? { ...rec, request: mask(rec.request), response: mask(rec.response) } : rec;
}
