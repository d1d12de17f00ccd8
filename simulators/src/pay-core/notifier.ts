import type { SimClock } from "../core/clock.js";

/**
 * The notify delivery both payment simulators share: a queue of notifies, each attempted on its
 * provider's documented retry schedule (offsets from the first attempt, on the simulated clock),
 * until the merchant accepts one or the schedule ends. A real timer only polls for what is due, so
 * a test moves the clock and the retries follow. What differs per provider — the schedule, how a
 * request is built and what answer counts as accepted — comes from the subclass.
 */

/** How long an answer may take (real time) before the attempt counts as failed. */
export const ANSWER_TIMEOUT_MS = 5000;

export interface NotifyRequest {
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryAttempt {
  at: number;
  outcome: "accepted" | "refused" | "lost" | "error";
  status?: number;
}

export interface Delivery<S> {
  id: number;
  spec: S;
  firstAt: number;
  /** Index into the retry offsets of the next attempt. */
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

export abstract class NotifyQueue<S extends { url: string }> {
  private readonly deliveries: Delivery<S>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly retryOffsetsMs: readonly number[],
    private readonly faults: () => NotifyFaults,
    private readonly random: () => number,
    pollMs = 20,
  ) {
    this.timer = setInterval(() => this.tick(), pollMs);
    this.timer.unref();
  }

  /** The request for one attempt, built at send time (timestamps and signatures are fresh each time). */
  protected abstract request(spec: S, now: number): NotifyRequest;
  /** Whether the merchant's answer ends the delivery. */
  protected abstract accepted(spec: S, status: number, body: string): boolean;

  /** Queues a notify; a "pays twice" case queues the same one twice (both documents: duplicates happen). */
  schedule(spec: S): Delivery<S> {
    const d: Delivery<S> = {
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

  list(): Delivery<S>[] {
    return this.deliveries;
  }

  /** Sends every attempt that is due; a clock jump over several retries sends them one per poll. */
  tick(): void {
    const now = this.clock.now();
    for (const d of this.deliveries) {
      if (d.state !== "pending" || d.inFlight) continue;
      const offset = this.retryOffsetsMs[d.next];
      if (offset === undefined || now < d.firstAt + offset) continue;
      void this.attempt(d, now);
    }
  }

  private async attempt(d: Delivery<S>, now: number): Promise<void> {
    d.inFlight = true;
    try {
      const outcome: DeliveryAttempt =
        this.random() < this.faults().lostRate ? { at: now, outcome: "lost" } : await this.send(d.spec, now);
      d.attempts.push(outcome);
      if (outcome.outcome === "accepted") d.state = "delivered";
      else if (++d.next >= this.retryOffsetsMs.length) d.state = "gave_up";
    } finally {
      d.inFlight = false;
    }
  }

  private async send(spec: S, now: number): Promise<DeliveryAttempt> {
    try {
      const { headers, body } = this.request(spec, now);
      const res = await fetch(spec.url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      const text = await res.text();
      return { at: now, outcome: this.accepted(spec, res.status, text) ? "accepted" : "refused", status: res.status };
    } catch {
      return { at: now, outcome: "error" };
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
