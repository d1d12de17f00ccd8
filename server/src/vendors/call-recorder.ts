import type { VendorErrorCode } from "../domain/errors.js";

/** One vendor call as support staff see it: what was said, what came back, how long it took. */
export interface VendorCallRecord {
  id: string;
  vendor: string;
  accountId: string;
  call: string;
  startedAt: number;
  durationMs: number;
  /** "ok" or the standard error code the transport or connector assigned. */
  outcome: "ok" | VendorErrorCode;
  httpStatus?: number;
  vendorCode?: string;
  /** Masked (secrets, card passwords, mobiles) and truncated. */
  request: string;
  response: string;
}

export interface CallRecorder {
  record(rec: VendorCallRecord): void;
}

/**
 * Keeps the most recent calls in a fixed-size ring: recording stays O(1) and bounded in memory
 * whatever the traffic. Metrics (and durable storage, if ever) subscribe.
 */
export class RingCallRecorder implements CallRecorder {
  private readonly ring: VendorCallRecord[] = [];
  private next = 0;
  private readonly listeners = new Set<(rec: VendorCallRecord) => void>();

  constructor(private readonly capacity = 2000) {}

  record(rec: VendorCallRecord): void {
    if (this.ring.length < this.capacity) this.ring.push(rec);
    else this.ring[this.next] = rec;
    this.next = (this.next + 1) % this.capacity;
    for (const fn of this.listeners) fn(rec);
  }

  /** Calls `fn` with every call recorded from now on; returns the unsubscribe function. */
  subscribe(fn: (rec: VendorCallRecord) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Newest first. */
  recent(filter: (r: VendorCallRecord) => boolean = () => true, limit = 100): VendorCallRecord[] {
    const ordered = [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)].reverse();
    return ordered.filter(filter).slice(0, limit);
  }

  find(id: string): VendorCallRecord | undefined {
    return this.ring.find((r) => r.id === id);
  }
}

export const MAX_RECORDED_BODY = 8192;

/** Masks every listed secret and every mainland mobile number, then truncates. */
export function maskForRecord(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("***");
  out = out.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, "$1****$2");
  return out.length > MAX_RECORDED_BODY
    ? `${out.slice(0, MAX_RECORDED_BODY)}…[${out.length - MAX_RECORDED_BODY} more chars]`
    : out;
}
