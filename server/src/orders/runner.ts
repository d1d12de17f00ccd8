import { sql } from "kysely";
import type PgBoss from "pg-boss";
import { endUnpaid } from "./cancel.js";
import type { OrderDeps } from "./deps.js";
import { releaseHolds } from "./seat-holds.js";
import type { OrderWorkflow } from "./workflow.js";

const STEP_QUEUE = "order-step";
const SWEEP_QUEUE = "order-sweep";

/** Where the next workflow step is queued; tests use a manual one and run steps themselves. */
export interface StepScheduler {
  schedule(orderId: string, atMs: number): Promise<void>;
}

/**
 * Runs order workflow steps on pg-boss. The step queue is "stately" with the order id as
 * singleton key: one queued and one running step per order on the whole cluster. A job that dies
 * with its process is retried by pg-boss on another node; the sweeper also re-queues any order
 * whose next step is overdue (a schedule lost between commit and send), expires unpaid locks, and
 * clears holds of orders a crash left in LOCKING.
 */
export class OrderRunner implements StepScheduler {
  constructor(
    private readonly boss: PgBoss,
    private readonly deps: OrderDeps,
    private readonly workflow: OrderWorkflow,
  ) {}

  async start(workers = 4): Promise<void> {
    await this.boss.createQueue(STEP_QUEUE, {
      name: STEP_QUEUE,
      policy: "stately",
      retryLimit: 1000,
      retryDelay: 30,
      expireInMinutes: 5,
    });
    await this.boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: "singleton" });
    for (let i = 0; i < workers; i++) {
      await this.boss.work<{ orderId: string }>(STEP_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
        if (!job) return;
        const { nextAt } = await this.workflow.step(job.data.orderId);
        if (nextAt !== null) await this.schedule(job.data.orderId, nextAt);
      });
    }
    await this.boss.work(SWEEP_QUEUE, async () => {
      await sweep(this.deps, this.workflow, this);
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

/** The periodic repairs; safe to run on several nodes at once (every change is a guarded transition). */
export async function sweep(
  deps: OrderDeps,
  workflow: OrderWorkflow,
  scheduler: StepScheduler,
): Promise<{ expired: number; abandoned: number; requeued: number }> {
  const now = deps.clock.now();
  const expired = await deps.db
    .selectFrom("orders")
    .selectAll()
    .where("status", "=", "LOCKED")
    .where("locked_until", "<", new Date(now))
    .limit(500)
    .execute();
  for (const order of expired) await endUnpaid(deps, workflow, order, "EXPIRED", "sweeper").catch(() => undefined);

  const abandoned = await deps.db
    .selectFrom("orders")
    .select("id")
    .where("status", "=", "LOCKING")
    .where("created_at", "<", new Date(now - 2 * 60_000))
    .limit(500)
    .execute();
  for (const { id } of abandoned) {
    const row = await deps.db.transaction().execute(async (trx) => {
      const r = await deps.orders.transition(
        id,
        { from: "LOCKING", to: "LOCK_FAILED", actor: "sweeper", event: "order.lock.abandoned" },
        trx,
      );
      if (r) await releaseHolds(trx, id);
      return r;
    });
    void row;
  }

  const overdue = await deps.db
    .selectFrom("orders")
    .select("id")
    .where("status", "in", ["CONFIRMING", "REFUNDING"])
    .where("needs_attention", "=", false)
    .where(sql<boolean>`coalesce((recovery->>'nextAt')::bigint, 0) < ${now - 60_000}`)
    .where("updated_at", "<", new Date(now - 60_000))
    .limit(500)
    .execute();
  for (const { id } of overdue) await scheduler.schedule(id, now);
  return { expired: expired.length, abandoned: abandoned.length, requeued: overdue.length };
}
