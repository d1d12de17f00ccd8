import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import type { CinemaSettingsTable } from "../db/schema.js";
import type { Clock } from "../domain/time.js";

/**
 * One cinema's settings, in sections. Only `vendor` exists today: the vendor's own per-cinema
 * settings, shaped by the vendor descriptor's `cinemaSettings` schema (VISTA's VistaSettings).
 * Later sections (payments, buyerSite) are added here and in the Admin API's body, each with its
 * own schema; the table needs no change.
 *
 * Secrets: none is stored yet, so the record is plain JSON. A later section with a secret (a
 * WeChat Pay key) must store it sealed with the SecretBox under its own key and answer reads with
 * "set / not set" only (write-only), as vendor account credentials do.
 */
export interface CinemaSettingsDocument {
  vendor?: Record<string, unknown>;
  /** The cinema's merchant configuration, secrets sealed (payments/config.ts owns its shape). */
  payments?: unknown;
}

export interface CinemaSettingsRecord {
  cinemaId: string;
  document: CinemaSettingsDocument;
  /** 0 when nothing was ever stored (every default applies); the next write must name it. */
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export type SettingsWrite = { ok: true; record: CinemaSettingsRecord } | { ok: false; currentVersion: number };

/** How long a node trusts a settings record it read for the connectors (writes on this node clear it). */
export const SETTINGS_CACHE_MS = 30_000;

/**
 * The one read (and write) interface of per-cinema settings. Connectors get them through the
 * registry (`ConnectorRegistry.forCinema`), services through `get`.
 */
export class CinemaSettings {
  private readonly cache = new Map<string, { at: number; record: Promise<CinemaSettingsRecord> }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async get(cinemaId: string): Promise<CinemaSettingsRecord> {
    const row = await this.db
      .selectFrom("cinema_settings")
      .selectAll()
      .where("cinema_id", "=", cinemaId)
      .executeTakeFirst();
    return row ? toRecord(row) : { cinemaId, document: {}, version: 0, updatedAt: null, updatedBy: null };
  }

  /**
   * `get`, remembered for a short while: the trade and sync paths ask on every call, and a change
   * made on another node may take up to SETTINGS_CACHE_MS to reach this one (like channel secrets).
   */
  cached(cinemaId: string): Promise<CinemaSettingsRecord> {
    const now = this.clock.now();
    const hit = this.cache.get(cinemaId);
    if (hit && now - hit.at < SETTINGS_CACHE_MS && now >= hit.at) return hit.record;
    const record = this.get(cinemaId);
    this.cache.set(cinemaId, { at: now, record });
    record.catch(() => this.cache.delete(cinemaId));
    return record;
  }

  /**
   * Replaces the document if the stored version is still `expectedVersion` (0 = nothing stored yet).
   * A lost race answers the current version instead of overwriting someone else's change.
   */
  async put(
    cinemaId: string,
    expectedVersion: number,
    document: CinemaSettingsDocument,
    actor: string,
  ): Promise<SettingsWrite> {
    const json = JSON.stringify(document);
    const row =
      expectedVersion === 0
        ? await this.db
            .insertInto("cinema_settings")
            .values({ cinema_id: cinemaId, document: json, version: 1, updated_by: actor })
            .onConflict((oc) => oc.column("cinema_id").doNothing())
            .returningAll()
            .executeTakeFirst()
        : await this.db
            .updateTable("cinema_settings")
            .set({ document: json, version: expectedVersion + 1, updated_by: actor, updated_at: new Date() })
            .where("cinema_id", "=", cinemaId)
            .where("version", "=", expectedVersion)
            .returningAll()
            .executeTakeFirst();
    this.cache.delete(cinemaId);
    if (!row) return { ok: false, currentVersion: (await this.get(cinemaId)).version };
    return { ok: true, record: toRecord(row) };
  }
}

const toRecord = (row: Selectable<CinemaSettingsTable>): CinemaSettingsRecord => ({
  cinemaId: row.cinema_id,
  document: readJson<CinemaSettingsDocument>(row.document),
  version: row.version,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});
