import { sql } from "kysely";
import type PgBoss from "pg-boss";
import type { Db } from "../db/database.js";
import { exclusively } from "../jobs/exclusive.js";
import type { StepScheduler } from "../orders/runner.js";
import { type ActivationDeps, activationStep, type StepOutcome } from "./activation.js";

const STEP_QUEUE = "voucher-steps";
const SWEEP_QUEUE = "voucher-sweep";
/** When another node is running an order's step, look again this much later. */
const BUSY_RETRY_MS = 5_000;
/** A buy that has not answered in this long was cut off by a crash (the vendor call times out sooner). */
const ABANDONED_BUY_MS = 2 * 60_000;

/** One activation step, unless another node is running one of the same order (advisory lock). */
export async function runVoucherStep(deps: ActivationDeps & { db: Db }, orderId: string): Promise<StepOutcome> {
  const outcome = await exclusively(deps.db, `voucher-step:${orderId}`, () => activationStep(deps, orderId));
  return outcome === "busy" ? { nextAt: deps.clock.now() + BUSY_RETRY_MS } : outcome;
}

/**
 * Runs voucher activation steps on pg-boss, the way orders/runner.ts runs order steps: at most one
 * queued step per order (singleton key), one running per order on the cluster (advisory lock), and
 * a sweeper each minute that re-queues an activation whose next step is overdue (a crash, or a
 * schedule lost between commit and send) and ends buys a crash left in CREATING.
 */
export class VoucherRunner implements StepScheduler {
  constructor(
    private readonly boss: PgBoss,
    private readonly deps: ActivationDeps & { db: Db },
  ) {}

  async start(workers = 2): Promise<void> {
    await this.boss.createQueue(STEP_QUEUE, {
      name: STEP_QUEUE,
      policy: "short",
      retryLimit: 1000,
      retryDelay: 30,
      expireInSeconds: 300,
    });
    await this.boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: "singleton" });
    for (let i = 0; i < workers; i++) {
      await this.boss.work<{ orderId: string }>(STEP_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
        if (!job) return;
        const { nextAt } = await runVoucherStep(this.deps, job.data.orderId);
        if (nextAt !== null) await this.schedule(job.data.orderId, nextAt);
      });
    }
    await this.boss.work(SWEEP_QUEUE, async () => {
      await sweepVouchers(this.deps.db, this.deps.clock.now(), this);
    });
    await this.boss.schedule(SWEEP_QUEUE, "* * * * *");
  }

  async schedule(orderId: string, atMs: number): Promise<void> {
    const delayMs = Math.max(0, atMs - this.deps.clock.now());
    await this.boss.send(
      STEP_QUEUE,
      { orderId },
      { singletonKey: orderId, startAfter: new Date(Date.now() + delayMs) },
    );
  }
}

/** The periodic repairs; safe on several nodes at once (every change is a guarded update). */
export async function sweepVouchers(
  db: Db,
  now: number,
  scheduler: StepScheduler,
): Promise<{ requeued: number; abandoned: number }> {
  const overdue = await db
    .selectFrom("voucher_orders")
    .select("id")
    .where("status", "=", "ACTIVATING")
    .where("needs_attention", "=", false)
    .where(sql<boolean>`coalesce((activation->>'nextAt')::bigint, 0) < ${now - 60_000}`)
    .where("updated_at", "<", new Date(now - 60_000))
    .limit(500)
    .execute();
  for (const { id } of overdue) await scheduler.schedule(id, now);
  const abandoned = await db
    .updateTable("voucher_orders")
    .set({
      status: "FAILED",
      updated_at: new Date(now),
      failure: JSON.stringify({ code: "BUY_ABANDONED", message: "the buy was cut off before the vendor answered" }),
    })
    .where("status", "=", "CREATING")
    .where("created_at", "<", new Date(now - ABANDONED_BUY_MS))
    .executeTakeFirst();
  return { requeued: overdue.length, abandoned: Number(abandoned.numUpdatedRows) };
}
