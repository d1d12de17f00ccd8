import type { VendorCallRecord } from "../vendors/call-recorder.js";
import { withVendorCalls } from "../vendors/call-scope.js";

/**
 * The vendor calls one console action makes (an async-context scope, so a sync running on the same
 * account at that moment never slips in), with card passwords typed into the console masked again.
 */
export async function captureCalls<T>(
  run: () => Promise<T>,
  extraMask: readonly string[] = [],
): Promise<{ value: T; calls: VendorCallRecord[] }> {
  const { value, calls } = await withVendorCalls(run);
  return { value, calls: calls.map((r) => maskMore(r, extraMask)) };
}

/** Card passwords typed into the console are masked again here, whatever the connector already did. */
function maskMore(rec: VendorCallRecord, extra: readonly string[]): VendorCallRecord {
  const mask = (s: string) => extra.reduce((out, v) => (v ? out.split(v).join("***") : out), s);
  return extra.length ? { ...rec, request: mask(rec.request), response: mask(rec.response) } : rec;
}
