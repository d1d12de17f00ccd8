import type { Db } from "../db/database.js";

/** Showtimes are refreshed every 20 minutes (catalog/sync/run.ts DEFAULT_CADENCE); 3 missed cycles is stale. */
export const STALE_AFTER_MS = 60 * 60_000;
/** A freshly onboarded cinema is "pending", not "stale", while its first sync may still be queued. */
const FIRST_SYNC_GRACE_MS = 10 * 60_000;

/** `manual`: a directory-only vendor's cinema record (no interface, so no sync state at all): never synced, never stale. */
export type SyncHealthStatus = "ok" | "failing" | "stale" | "pending" | "manual";

export interface SyncHealth {
  status: SyncHealthStatus;
  /** Last successful showtimes sync (what channels see depends on it). */
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  /** The newest error per failing entity, e.g. "showtimes: vendor_unavailable: …". */
  errors: string[];
}

interface StateRow {
  cinema_id: string;
  entity: string;
  last_success_at: Date | null;
  last_failure_at: Date | null;
  last_error: string | null;
}

/**
 * Sync health of many cinemas from sync_state in one query. An entity is failing when its last
 * failure is newer than its last success; a cinema is stale when showtimes have not succeeded
 * within STALE_AFTER_MS (channels would sell from an old picture).
 */
export async function syncHealthOf(
  db: Db,
  cinemas: Array<{ id: string; created_at: Date }>,
  now: number,
): Promise<Map<string, SyncHealth>> {
  const out = new Map<string, SyncHealth>();
  if (cinemas.length === 0) return out;
  const rows = await db
    .selectFrom("sync_state")
    .select(["cinema_id", "entity", "last_success_at", "last_failure_at", "last_error"])
    .where(
      "cinema_id",
      "in",
      cinemas.map((c) => c.id),
    )
    .execute();
  const byCinema = new Map<string, StateRow[]>();
  for (const r of rows) byCinema.set(r.cinema_id, [...(byCinema.get(r.cinema_id) ?? []), r]);
  for (const c of cinemas) out.set(c.id, healthOf(byCinema.get(c.id) ?? [], c.created_at, now));
  return out;
}

export function healthOf(rows: StateRow[], createdAt: Date, now: number): SyncHealth {
  const failing = rows.filter(
    (r) => r.last_failure_at && (!r.last_success_at || r.last_failure_at > r.last_success_at),
  );
  const showtimes = rows.find((r) => r.entity === "showtimes");
  const lastSuccess = showtimes?.last_success_at ?? null;
  const lastFailure = rows.reduce<Date | null>(
    (m, r) => (r.last_failure_at && (!m || r.last_failure_at > m) ? r.last_failure_at : m),
    null,
  );
  let status: SyncHealthStatus = "ok";
  // Onboarding gives every synced cinema its sync state rows; only a manual record has none.
  if (rows.length === 0) status = "manual";
  else if (failing.length > 0) status = "failing";
  else if (!lastSuccess) status = now - createdAt.getTime() < FIRST_SYNC_GRACE_MS ? "pending" : "stale";
  else if (now - lastSuccess.getTime() > STALE_AFTER_MS) status = "stale";
  return {
    status,
    lastSuccessAt: lastSuccess?.toISOString() ?? null,
    lastFailureAt: lastFailure?.toISOString() ?? null,
    errors: failing.map((r) => `${r.entity}: ${r.last_error ?? "failed"}`),
  };
}
