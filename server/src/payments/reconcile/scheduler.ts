import type PgBoss from "pg-boss";
import { CHINA_OFFSET_MS, type Clock } from "../../domain/time.js";
import { previousPaymentDay, type Reconciler } from "./reconciler.js";

const TICK_QUEUE = "payment-reconcile-tick";

/**
 * Hour of the China day from which yesterday is reconciled: late notifies, our own queries and the
 * refund timetable's first attempts have settled by then, and it is before support staff start.
 */
export const RECONCILE_FROM_HOUR = 3;

export interface ReconcileTickResult {
  date: string | null;
  ran: string[];
  failed: Array<{ cinemaId: string; error: string }>;
}

/**
 * The daily reconciliation on pg-boss (issue 15 §4). A cluster-wide tick every 15 minutes reads
 * the injected clock: once the China day is past RECONCILE_FROM_HOUR, each cinema with a payment
 * merchant gets one scheduled run for the previous day. "Once" is the unique index on scheduled
 * runs (0014), so a tick that repeats, or two nodes ticking together, never doubles a run, and a
 * node that was down at 03:00 catches up on its next tick.
 */
export class ReconcileScheduler {
  constructor(
    private readonly boss: PgBoss,
    private readonly reconciler: Reconciler,
    private readonly clock: Clock,
    private readonly log: (msg: string) => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: "singleton" });
    await this.boss.work(TICK_QUEUE, async () => {
      const r = await this.tick();
      if (r.failed.length > 0) this.log(`payment reconciliation failed for ${r.failed.length} cinemas of ${r.date}`);
    });
    await this.boss.schedule(TICK_QUEUE, "*/15 * * * *");
  }

  /** Runs what is due now; exposed so tests drive it on the injected clock. */
  async tick(): Promise<ReconcileTickResult> {
    const now = this.clock.now();
    const chinaHour = new Date(now + CHINA_OFFSET_MS).getUTCHours();
    if (chinaHour < RECONCILE_FROM_HOUR) return { date: null, ran: [], failed: [] };
    const date = previousPaymentDay(now);
    const result: ReconcileTickResult = { date, ran: [], failed: [] };
    for (const cinemaId of await this.reconciler.cinemasWithMerchant()) {
      if (await this.reconciler.runs.hasScheduled(cinemaId, date)) continue;
      try {
        const run = await this.reconciler.run(cinemaId, date, "scheduled");
        if (run) result.ran.push(cinemaId);
      } catch (err) {
        // One cinema's database or provider trouble must not stop the others; the next tick retries it.
        result.failed.push({ cinemaId, error: (err as Error).message });
      }
    }
    return result;
  }
}
