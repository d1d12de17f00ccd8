import type { SimClock } from "../core/clock.js";
import { seededRandom } from "../core/faults.js";

/**
 * Alipay's async notify delivery (payments.md §4): a first attempt, then retries after 4m, 10m,
 * 10m, 1h, 2h, 6h and 15h — 8 attempts in all. (§4 also says "stopping after 24h22m"; these
 * intervals add up to 24h24m: the intervals are kept, the last attempt is at +24h24m.) Times are
 * simulated: a test advances the clock and the retries follow; a real timer only polls for what
 * is due. Only a body of exactly `success` ends the delivery.
 */
export const RETRY_OFFSETS_MS = [0, 4, 14, 24, 84, 204, 564, 1464].map((m) => m * 60_000);

/** How long an answer may take (real time) before the attempt counts as failed; §4 gives no figure. */
export const ANSWER_TIMEOUT_MS = 5000;

export interface NotifySpec {
  appId: string;
  outTradeNo: string;
  notifyId: string;
  tradeStatus: string;
  url: string;
  /** Builds the form body at send time (notify_time and the signature are fresh on every attempt). */
  render(now: number): string;
}

export interface DeliveryAttempt {
  at: number;
  outcome: "accepted" | "refused" | "lost" | "error";
  status?: number;
}

export interface Delivery {
  id: number;
  spec: NotifySpec;
  firstAt: number;
  next: number;
  state: "pending" | "delivered" | "gave_up";
  attempts: DeliveryAttempt[];
  inFlight: boolean;
}

export class Notifier {
  private readonly deliveries: Delivery[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly random: () => number;
  private seq = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly faults: () => { lostRate: number; delayMs: number },
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.timer = setInterval(() => this.tick(), 20);
    this.timer.unref();
  }

  schedule(spec: NotifySpec): Delivery {
    const d: Delivery = {
      id: ++this.seq,
      spec,
      firstAt: this.clock.now() + this.faults().delayMs,
      next: 0,
      state: "pending",
      attempts: [],
      inFlight: false,
    };
    this.deliveries.push(d);
    return d;
  }

  list(): Delivery[] {
    return this.deliveries;
  }

  tick(): void {
    const now = this.clock.now();
    for (const d of this.deliveries) {
      if (d.state !== "pending" || d.inFlight) continue;
      const offset = RETRY_OFFSETS_MS[d.next];
      if (offset === undefined || now < d.firstAt + offset) continue;
      void this.attempt(d, now);
    }
  }

  private async attempt(d: Delivery, now: number): Promise<void> {
    d.inFlight = true;
    try {
      const outcome: DeliveryAttempt =
        this.random() < this.faults().lostRate ? { at: now, outcome: "lost" } : await this.send(d.spec, now);
      d.attempts.push(outcome);
      if (outcome.outcome === "accepted") d.state = "delivered";
      else if (++d.next >= RETRY_OFFSETS_MS.length) d.state = "gave_up";
    } finally {
      d.inFlight = false;
    }
  }

  private async send(spec: NotifySpec, now: number): Promise<DeliveryAttempt> {
    try {
      const res = await fetch(spec.url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: spec.render(now),
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      const text = await res.text();
      const accepted = res.status === 200 && text.trim() === "success";
      return { at: now, outcome: accepted ? "accepted" : "refused", status: res.status };
    } catch {
      return { at: now, outcome: "error" };
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
