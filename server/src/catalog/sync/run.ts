import type { Db } from "../../db/database.js";
import type { Clock } from "../../domain/time.js";
import { newId } from "../../security/ids.js";
import type { ConnectorRegistry } from "../../vendors/registry.js";
import { syncCinemaInfo } from "./cinema-info.js";
import type { CinemaRow, EntityResult, SyncContext, SyncEntity } from "./context.js";
import { SYNC_ENTITIES } from "./context.js";
import { syncFilms } from "./films.js";
import { syncLayouts } from "./layouts.js";
import { DEFAULT_PRICE_BAND, type PriceBand, type SyncWarning } from "./price-check.js";
import { syncShowtimes } from "./showtimes.js";

/** How often each entity is refreshed (the vendors' recommendations: cinemas 4 h, layouts 1–2 h, showtimes 15–30 min). */
export interface SyncCadence {
  cinema: number;
  films: number;
  showtimes: number;
  layouts: number;
  /** After a failure, try again this much later. */
  retry: number;
}

export const DEFAULT_CADENCE: SyncCadence = {
  cinema: 4 * 3600_000,
  films: 3600_000,
  showtimes: 20 * 60_000,
  layouts: 2 * 3600_000,
  retry: 5 * 60_000,
};

export interface SyncDeps {
  db: Db;
  registry: ConnectorRegistry;
  clock: Clock;
  cadence?: SyncCadence;
  days?: number;
  /** The sane sale-price band (default ¥5–¥500; CINEGATE_PRICE_BAND_YUAN). */
  priceBand?: PriceBand;
  /** Told about every finished run (metrics, cache invalidation). */
  onRun?: (summary: SyncRunSummary) => void;
}

export interface SyncRunSummary {
  id: string;
  cinemaId: string;
  status: "succeeded" | "failed";
  counts: Record<string, number>;
  errors: Array<{ entity: string; code: string; message: string; vendorCode?: string }>;
  warnings: SyncWarning[];
  durationMs: number;
}

const runners: Record<SyncEntity, (ctx: SyncContext) => Promise<EntityResult>> = {
  cinema: syncCinemaInfo,
  films: syncFilms,
  showtimes: syncShowtimes,
  layouts: syncLayouts,
};

/**
 * One sync run for one cinema: the entities in dependency order (halls and films before the
 * showtimes that reference them, showtimes before the layouts that may need a session). Every
 * run is recorded in sync_runs with its counts and errors; sync_state says when each entity is due.
 */
export async function runSync(
  deps: SyncDeps,
  cinemaId: string,
  entities: readonly SyncEntity[] = SYNC_ENTITIES,
): Promise<SyncRunSummary> {
  const cadence = deps.cadence ?? DEFAULT_CADENCE;
  const started = deps.clock.now();
  const realStart = performance.now();
  const id = newId("syn");
  const ordered = SYNC_ENTITIES.filter((e) => entities.includes(e));
  await deps.db
    .insertInto("sync_runs")
    .values({ id, cinema_id: cinemaId, entities: [...ordered], status: "running" })
    .execute();

  const counts: Record<string, number> = {};
  const errors: SyncRunSummary["errors"] = [];
  const warnings: SyncWarning[] = [];
  try {
    const cinema = await loadCinema(deps.db, cinemaId);
    const connector = await deps.registry.forCinema({ id: cinemaId, vendorAccountId: cinema.vendor_account_id });
    const ctx: SyncContext = {
      db: deps.db,
      clock: deps.clock,
      connector,
      cinema,
      days: deps.days ?? 7,
      priceBand: deps.priceBand ?? DEFAULT_PRICE_BAND,
    };
    for (const entity of ordered) {
      const result = await runners[entity](ctx);
      for (const [k, v] of Object.entries(result.counts)) counts[`${entity}.${k}`] = v;
      warnings.push(...(result.warnings ?? []));
      if (!result.ok) {
        const { code, message, vendorCode } = result.error;
        errors.push({ entity, code, message, ...(vendorCode ? { vendorCode } : {}) });
      }
      await recordState(
        deps,
        cinemaId,
        entity,
        result.ok ? null : result.error.message,
        result.ok ? cadence[entity] : cadence.retry,
      );
    }
  } catch (err) {
    // A bug or a missing connector: the run still ends, failed, with the reason for support staff.
    errors.push({ entity: "run", code: "internal", message: err instanceof Error ? err.message : String(err) });
  }
  const summary: SyncRunSummary = {
    id,
    cinemaId,
    status: errors.length === 0 ? "succeeded" : "failed",
    counts,
    errors,
    warnings,
    durationMs: Math.round(performance.now() - realStart),
  };
  await deps.db
    .updateTable("sync_runs")
    .set({
      status: summary.status,
      finished_at: new Date(started + summary.durationMs),
      duration_ms: summary.durationMs,
      counts: JSON.stringify(counts),
      errors: JSON.stringify(errors),
      warnings: JSON.stringify(warnings),
    })
    .where("id", "=", id)
    .execute();
  deps.onRun?.(summary);
  return summary;
}

async function loadCinema(db: Db, cinemaId: string): Promise<CinemaRow> {
  return db
    .selectFrom("cinemas")
    .select(["id", "vendor_account_id", "vendor", "vendor_cinema_id", "national_code", "shanghai", "service_fee_fen"])
    .where("id", "=", cinemaId)
    .executeTakeFirstOrThrow();
}

async function recordState(
  deps: SyncDeps,
  cinemaId: string,
  entity: SyncEntity,
  error: string | null,
  nextInMs: number,
) {
  const now = new Date(deps.clock.now());
  const due = new Date(now.getTime() + nextInMs);
  const outcome =
    error === null ? { last_success_at: now, last_error: null } : { last_failure_at: now, last_error: error };
  await deps.db
    .insertInto("sync_state")
    .values({ cinema_id: cinemaId, entity, due_at: due, ...outcome })
    .onConflict((oc) => oc.columns(["cinema_id", "entity"]).doUpdateSet({ due_at: due, ...outcome }))
    .execute();
}
