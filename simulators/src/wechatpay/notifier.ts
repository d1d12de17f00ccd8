import type { SimClock } from "../core/clock.js";
import { type NotifyFaults, NotifyQueue, type NotifyRequest } from "../pay-core/notifier.js";

/**
 * Notify delivery on WeChat's documented schedule (payments.md §1.7): a first attempt and then up
 * to 15 retries at 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, 24h04m in all. v3 and
 * v2 notifies differ in body, headers and in what answer counts, so each spec brings its own.
 */
export const RETRY_OFFSETS_MS = [
  0,
  15,
  30,
  60,
  4 * 60,
  14 * 60,
  34 * 60,
  64 * 60,
  94 * 60,
  124 * 60,
  184 * 60,
  364 * 60,
  544 * 60,
  724 * 60,
  1084 * 60,
  1444 * 60,
].map((s) => s * 1000);

export interface NotifySpec {
  /** What the notify is about, for the log: "TRANSACTION.SUCCESS", "REFUND.SUCCESS", "v2.pay" … */
  event: string;
  mchId: string;
  outTradeNo: string;
  outRefundNo?: string;
  url: string;
  /** Builds the request at send time (timestamps and signatures are fresh on every attempt). */
  render(now: number): NotifyRequest;
  /** Whether the merchant's answer counts as accepted. */
  accepted(status: number, body: string): boolean;
}

export class Notifier extends NotifyQueue<NotifySpec> {
  constructor(clock: SimClock, faults: () => NotifyFaults, random: () => number, pollMs = 20) {
    super(clock, RETRY_OFFSETS_MS, faults, random, pollMs);
  }

  protected request(spec: NotifySpec, now: number): NotifyRequest {
    return spec.render(now);
  }

  protected accepted(spec: NotifySpec, status: number, body: string): boolean {
    return spec.accepted(status, body);
  }
}
