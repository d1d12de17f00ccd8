import type { Db } from "../../db/database.js";
import type { VendorError } from "../../domain/errors.js";
import type { Clock } from "../../domain/time.js";
import type { CinemaRef } from "../../domain/trade.js";
import type { CinemaConnector } from "../../vendors/connector.js";
import type { PriceBand, SyncWarning } from "./price-check.js";

export type SyncEntity = "cinema" | "films" | "showtimes" | "layouts";
export const SYNC_ENTITIES: readonly SyncEntity[] = ["cinema", "films", "showtimes", "layouts"];

export interface CinemaRow {
  id: string;
  vendor_account_id: string;
  vendor: string;
  vendor_cinema_id: string;
  national_code: string | null;
  shanghai: boolean;
  service_fee_fen: number;
}

/** Everything one entity sync needs for one cinema. */
export interface SyncContext {
  db: Db;
  clock: Clock;
  connector: CinemaConnector;
  cinema: CinemaRow;
  /** Business days to keep showtimes for, starting today. */
  days: number;
  /** Sale prices outside this band keep a showtime off sale (price-check.ts). */
  priceBand: PriceBand;
}

export interface EntityCounts {
  seen: number;
  inserted: number;
  updated: number;
  invalidated: number;
}

export type EntityResult = (
  | { ok: true; counts: EntityCounts }
  | { ok: false; counts: EntityCounts; error: VendorError }
) & {
  /** What the run kept from buyers and why (e.g. a showtime held off sale for its price). */
  warnings?: SyncWarning[];
};

export const zeroCounts = (): EntityCounts => ({ seen: 0, inserted: 0, updated: 0, invalidated: 0 });

export function cinemaRef(c: CinemaRow): CinemaRef {
  return { vendorCinemaId: c.vendor_cinema_id, nationalCode: c.national_code ?? undefined, shanghai: c.shanghai };
}
