import { sql } from "kysely";
import type PgBoss from "pg-boss";
import type { Db } from "../db/database.js";
import { exclusively } from "../jobs/exclusive.js";
import { StepQueue } from "../jobs/step-queue.js";
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
 * Runs voucher activation steps on pg-boss (jobs/step-queue.ts, as order steps): at most one
 * queued step per order, one running per order on the cluster (advisory lock), and a sweeper each
 * minute that re-queues an activation whose next step is overdue (a crash, or a
 * schedule lost between commit and send) and ends buys a crash left in CREATING.
 */
export class VoucherRunner implements StepScheduler {
  private readonly queue: StepQueue;

  constructor(
    boss: PgBoss,
    private readonly deps: ActivationDeps & { db: Db },
  ) {
    this.queue = new StepQueue(boss, { steps: STEP_QUEUE, sweep: SWEEP_QUEUE }, deps.clock);
  }

  start(workers = 2): Promise<void> {
    return this.queue.start({
      workers,
      step: async (orderId) => (await runVoucherStep(this.deps, orderId)).nextAt,
      sweep: () => sweepVouchers(this.deps.db, this.deps.clock.now(), this),
    });
  }

  schedule(orderId: string, atMs: number): Promise<void> {
    return this.queue.schedule(orderId, atMs);
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
