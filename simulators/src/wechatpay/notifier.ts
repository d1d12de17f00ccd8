import type { SimClock } from "../core/clock.js";

/**
 * Notify delivery on WeChat's documented schedule (payments.md §1.7): a first attempt and then up
 * to 15 retries at 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, 24h04m in all. Times
 * are simulated (the injected clock), so a test moves the clock and the retries follow; a real
 * timer only polls for what is due. An answer slower than 5 s (real) is a failure.
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

export const ANSWER_TIMEOUT_MS = 5000;

export interface Rendered {
  headers: Record<string, string>;
  body: string;
}

export interface NotifySpec {
  /** What the notify is about, for the log: "TRANSACTION.SUCCESS", "REFUND.SUCCESS", "v2.pay" … */
  event: string;
  mchId: string;
  outTradeNo: string;
  outRefundNo?: string;
  url: string;
  /** Builds the request at send time (timestamps and signatures are fresh on every attempt). */
  render(now: number): Rendered;
  /** Whether the merchant's answer counts as accepted. */
  accepted(status: number, body: string): boolean;
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
  /** Index into RETRY_OFFSETS_MS of the next attempt. */
  next: number;
  state: "pending" | "delivered" | "gave_up";
  attempts: DeliveryAttempt[];
  inFlight: boolean;
}

export interface NotifyFaults {
  /** Share of attempts never sent (they count as failures and are retried). */
  lostRate: number;
  /** Simulated ms before the first attempt. */
  delayMs: number;
}

export class Notifier {
  private readonly deliveries: Delivery[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly faults: () => NotifyFaults,
    private readonly random: () => number,
    pollMs = 20,
  ) {
    this.timer = setInterval(() => this.tick(), pollMs);
    this.timer.unref();
  }

  /** Queues a notify; the "pays twice" case queues the same event twice (§1.7: duplicates happen). */
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

  /** Sends every attempt that is due; a clock jump over several retries sends them one per poll. */
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
      let outcome: DeliveryAttempt;
      if (this.random() < this.faults().lostRate) {
        outcome = { at: now, outcome: "lost" };
      } else {
        outcome = await this.send(d.spec, now);
      }
      d.attempts.push(outcome);
      if (outcome.outcome === "accepted") {
        d.state = "delivered";
      } else {
        d.next++;
        if (d.next >= RETRY_OFFSETS_MS.length) d.state = "gave_up";
      }
    } finally {
      d.inFlight = false;
    }
  }

  private async send(spec: NotifySpec, now: number): Promise<DeliveryAttempt> {
    const { headers, body } = spec.render(now);
    try {
      const res = await fetch(spec.url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      const text = await res.text();
      return { at: now, outcome: spec.accepted(res.status, text) ? "accepted" : "refused", status: res.status };
    } catch {
      return { at: now, outcome: "error" };
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
