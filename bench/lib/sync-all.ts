import type { SyncEntity } from "../../server/src/catalog/sync/context.js";
import { runSync, type SyncRunSummary } from "../../server/src/catalog/sync/run.js";
import { createDb } from "../../server/src/db/database.js";
import { systemClock } from "../../server/src/domain/time.js";
import type { ConnectorRegistry } from "../../server/src/vendors/registry.js";

export interface SyncRequest {
  cinemaIds: string[];
  /** Cinemas synced at once (each run's vendor calls still pass the per-account rate limiter). */
  concurrency: number;
  entities?: SyncEntity[];
  days?: number;
}

export interface SyncReport {
  wallMs: number;
  runs: number;
  failed: number;
  /** Sum over runs of each `entity.count` (seen, inserted, updated, invalidated). */
  counts: Record<string, number>;
  /** A few failures, for the report. */
  errorSample: SyncRunSummary["errors"];
  errorCodes: Record<string, number>;
}

/**
 * Runs the real runSync for every cinema with bounded concurrency, on its own connection pool that
 * is closed at the end: the backends exit and flush their statistics, so pg_stat_user_tables then
 * counts exactly the rows this sync wrote.
 */
export async function runSyncs(
  deps: { dbUrl: string; registry: ConnectorRegistry },
  req: SyncRequest,
): Promise<SyncReport> {
  const db = createDb(deps.dbUrl, { max: req.concurrency + 2 });
  const report: SyncReport = { wallMs: 0, runs: 0, failed: 0, counts: {}, errorSample: [], errorCodes: {} };
  const started = performance.now();
  try {
    const queue = [...req.cinemaIds];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const summary = await runSync(
          { db, registry: deps.registry, clock: systemClock, days: req.days ?? 7 },
          id,
          req.entities,
        );
        report.runs++;
        if (summary.status === "failed") report.failed++;
        for (const [k, v] of Object.entries(summary.counts)) report.counts[k] = (report.counts[k] ?? 0) + v;
        for (const e of summary.errors) {
          const key = `${e.entity}:${e.code}${e.vendorCode ? `/${e.vendorCode}` : ""}`;
          report.errorCodes[key] = (report.errorCodes[key] ?? 0) + 1;
          if (report.errorSample.length < 5) report.errorSample.push(e);
        }
      }
    };
    await Promise.all(Array.from({ length: req.concurrency }, worker));
  } finally {
    report.wallMs = Math.round(performance.now() - started);
    await db.destroy();
  }
  return report;
}
