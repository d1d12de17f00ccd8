import { AsyncLocalStorage } from "node:async_hooks";
import type { RingCallRecorder, VendorCallRecord } from "./call-recorder.js";

/**
 * Collects exactly the vendor calls one piece of work makes (an order step, a console query), however
 * many other calls run on the same account at that moment: the work runs in an async context, and the
 * recorder hands each record to the context it was made in.
 */
const scope = new AsyncLocalStorage<VendorCallRecord[][]>();

/** Wires a recorder into the scopes; once per recorder. Returns the unsubscribe function. */
export function feedCallScopes(recorder: RingCallRecorder): () => void {
  return recorder.subscribe((rec) => {
    for (const calls of scope.getStore() ?? []) calls.push(rec);
  });
}

/** Scopes nest: a call made inside an inner scope belongs to every enclosing one too. */
export async function withVendorCalls<T>(run: () => Promise<T>): Promise<{ value: T; calls: VendorCallRecord[] }> {
  const calls: VendorCallRecord[] = [];
  const value = await scope.run([...(scope.getStore() ?? []), calls], run);
  return { value, calls };
}
