import type { SimClock } from "../core/clock.js";
import { seededRandom } from "../core/faults.js";
import { type NotifyFaults, NotifyQueue, type NotifyRequest } from "../pay-core/notifier.js";

/**
 * Alipay's async notify delivery (payments.md §4): a first attempt, then retries after 4m, 10m,
 * 10m, 1h, 2h, 6h and 15h — 8 attempts in all. (§4 also says "stopping after 24h22m"; these
 * intervals add up to 24h24m: the intervals are kept, the last attempt is at +24h24m.) The body
 * is a signed form; only an answer of exactly `success` ends the delivery.
 */
export const RETRY_OFFSETS_MS = [0, 4, 14, 24, 84, 204, 564, 1464].map((m) => m * 60_000);

export interface NotifySpec {
  appId: string;
  outTradeNo: string;
  notifyId: string;
  tradeStatus: string;
  url: string;
  /** Builds the form body at send time (notify_time and the signature are fresh on every attempt). */
  render(now: number): string;
}

export class Notifier extends NotifyQueue<NotifySpec> {
  constructor(clock: SimClock, faults: () => NotifyFaults, seed: number) {
    super(clock, RETRY_OFFSETS_MS, faults, seededRandom(seed));
  }

  protected request(spec: NotifySpec, now: number): NotifyRequest {
    return {
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: spec.render(now),
    };
  }

  protected accepted(_spec: NotifySpec, status: number, body: string): boolean {
    return status === 200 && body.trim() === "success";
  }
}
