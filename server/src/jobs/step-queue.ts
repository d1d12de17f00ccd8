import type PgBoss from "pg-boss";
import type { Clock } from "../domain/time.js";

/**
 * A durable per-entity step queue on pg-boss, shared by order steps and voucher activations.
 *
 * "short" policy (at most one *queued* job per entity, singleton key = its id), not "stately":
 * under stately, a step job orphaned by a crashed node stays `active` until it expires, and
 * pg-boss's fetch of the next queued job then fails on the one-active-per-key index — which blocks
 * the whole queue until the orphan expires (found by bench/orders/chaos.ts). One running step per
 * entity is the caller's to guarantee (an advisory lock that dies with a crashed node's connection).
 * A sweeper job runs every minute to re-queue what a crash lost.
 */
export class StepQueue {
  constructor(
    private readonly boss: PgBoss,
    private readonly names: { steps: string; sweep: string },
    private readonly clock: Clock,
  ) {}

  /** `step` runs one step and answers when the next is due (null: none). */
  async start(opts: {
    workers: number;
    step: (id: string) => Promise<number | null>;
    sweep: () => Promise<unknown>;
  }): Promise<void> {
    const { steps, sweep } = this.names;
    await this.boss.createQueue(steps, {
      name: steps,
      policy: "short",
      retryLimit: 1000,
      retryDelay: 30,
      // pg-boss 10 reads only expireInSeconds for a queue (expireInMinutes was silently dropped,
      // leaving the 15-minute default): a step orphaned by a crash is retried after 5 minutes.
      expireInSeconds: 300,
    });
    await this.boss.createQueue(sweep, { name: sweep, policy: "singleton" });
    for (let i = 0; i < opts.workers; i++) {
      await this.boss.work<{ orderId: string }>(steps, { pollingIntervalSeconds: 1 }, async ([job]) => {
        if (!job) return;
        const nextAt = await opts.step(job.data.orderId);
        if (nextAt !== null) await this.schedule(job.data.orderId, nextAt);
      });
    }
    await this.boss.work(sweep, async () => {
      await opts.sweep();
    });
    await this.boss.schedule(sweep, "* * * * *");
  }

  /** Queues the entity's next step at `atMs` on the injected clock (pg-boss waits in real time). */
  async schedule(orderId: string, atMs: number): Promise<void> {
    const delayMs = Math.max(0, atMs - this.clock.now());
    await this.boss.send(
      this.names.steps,
      { orderId },
      { singletonKey: orderId, startAfter: new Date(Date.now() + delayMs) },
    );
  }
}
