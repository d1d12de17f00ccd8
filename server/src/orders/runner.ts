import { sql } from "kysely";
import type PgBoss from "pg-boss";
import { IN_FLIGHT_STATUSES, INITIAL_ORDER_STATUS } from "../domain/order-states.js";
import { exclusively as exclusiveWork } from "../jobs/exclusive.js";
import { StepQueue } from "../jobs/step-queue.js";
import { endUnpaid } from "./cancel.js";
import type { OrderDeps } from "./deps.js";
import { pruneFailedLocks } from "./prune.js";
import { releaseHolds } from "./seat-holds.js";
import type { OrderWorkflow } from "./workflow.js";

/**
 * Queue names (the step queue was renamed from "order-step": pg-boss cannot change an existing
 * queue's policy; the sweeper moves any order left in the old queue to this one). The queue's
 * policy and why: jobs/step-queue.ts.
 */
const STEP_QUEUE = "order-steps";
/** When another node is running an order's step, look again this much later. */
const BUSY_RETRY_MS = 5_000;
const SWEEP_QUEUE = "order-sweep";

/** Where the next workflow step is queued; tests use a manual one and run steps themselves. */
export interface StepScheduler {
  schedule(orderId: string, atMs: number): Promise<void>;
}

/**
 * Runs order workflow steps on pg-boss: at most one queued step per order (singleton key = order
 * id) and one running step per order on the whole cluster (advisory lock). A job that dies with its
 * process is retried by pg-boss after it expires; the sweeper re-queues any order whose next step is
 * overdue at once (a crash, or a schedule lost between commit and send), expires unpaid locks, and
 * clears holds of orders a crash left in LOCKING. A duplicate or early job only re-arms the step
 * (OrderWorkflow.step honours `nextAt`).
 */
export class OrderRunner implements StepScheduler {
  private readonly queue: StepQueue;

  constructor(
    boss: PgBoss,
    private readonly deps: OrderDeps,
    private readonly workflow: OrderWorkflow,
  ) {
    this.queue = new StepQueue(boss, { steps: STEP_QUEUE, sweep: SWEEP_QUEUE }, deps.clock);
  }

  async start(workers = 4): Promise<void> {
    await this.queue.start({
      workers,
      step: async (orderId) => {
        const outcome = await exclusively(this.deps, orderId, () => this.workflow.step(orderId));
        return outcome === "busy" ? this.deps.clock.now() + BUSY_RETRY_MS : outcome.nextAt;
      },
      sweep: () => sweep(this.deps, this.workflow, this),
    });
  }

  schedule(orderId: string, atMs: number): Promise<void> {
    return this.queue.schedule(orderId, atMs);
  }
}

/**
 * Runs `work` only if no other node runs a step of the same order: a transaction-scoped advisory
 * lock on the order id, held for the step and released by commit, rollback or a dead connection.
 */
export function exclusively<T>(deps: OrderDeps, orderId: string, work: () => Promise<T>): Promise<T | "busy"> {
  return exclusiveWork(deps.db, `order-step:${orderId}`, work);
}

/** The periodic repairs; safe to run on several nodes at once (every change is a guarded transition). */
export async function sweep(
  deps: OrderDeps,
  workflow: OrderWorkflow,
  scheduler: StepScheduler,
): Promise<{ expired: number; abandoned: number; requeued: number; pruned: number }> {
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
    .where("status", "=", INITIAL_ORDER_STATUS)
    .where("created_at", "<", new Date(now - 2 * 60_000))
    .limit(500)
    .execute();
  for (const { id } of abandoned) {
    await deps.db.transaction().execute(async (trx) => {
      const r = await deps.orders.transition(
        id,
        { from: "LOCKING", to: "LOCK_FAILED", actor: "sweeper", event: "order.lock.abandoned" },
        trx,
      );
      if (r) await releaseHolds(trx, id);
    });
  }

  const overdue = await deps.db
    .selectFrom("orders")
    .select("id")
    .where("status", "in", [...IN_FLIGHT_STATUSES])
    .where("needs_attention", "=", false)
    .where(sql<boolean>`coalesce((recovery->>'nextAt')::bigint, 0) < ${now - 60_000}`)
    .where("updated_at", "<", new Date(now - 60_000))
    .limit(500)
    .execute();
  for (const { id } of overdue) await scheduler.schedule(id, now);
  const pruned = await pruneFailedLocks(deps.db, now);
  // Refunds of payments no order step waits for (late, duplicate, wrong amount) retry on their own timetable.
  if (deps.payments) await deps.payments.driveDueRefunds().catch(() => undefined);
  return { expired: expired.length, abandoned: abandoned.length, requeued: overdue.length, pruned };
}
