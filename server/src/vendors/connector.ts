import type { SeatLayout, SeatStatusMap, VendorCinema, VendorFilm, VendorShowtime } from "../domain/catalog.js";
import type { Result } from "../domain/errors.js";
import type { ShowtimeAreas } from "../domain/showtime-areas.js";
import type {
  CinemaRef,
  ConfirmRequest,
  LockRequest,
  LockResult,
  OrderRef,
  VendorOrderState,
} from "../domain/trade.js";
import type { VendorId } from "./all.js";
import type { RecoveryPolicy } from "./recovery.js";

/** Derived from the one list of vendor descriptors (vendors/all.ts). */
export type { VendorId } from "./all.js";

/** What a connector can do; callers check a flag before calling the matching optional method. */
export interface Capabilities {
  /** The vendor can list the cinemas an account sees (VISTA cannot, doc 000 §三). */
  listCinemas: boolean;
  catalogue: boolean;
  seatStatus: boolean;
  trade: boolean;
  /** Refunds of issued tickets. */
  refund: boolean;
  /** Undo of an uncertain issue (ykse 冲正). */
  reverse: boolean;
  printStatus: boolean;
  concessions: boolean;
  memberCards: boolean;
  vouchers: boolean;
  /** The vendor's maximum seats per order. */
  maxSeatsPerOrder: number;
  /** How long a vendor lock lives unless it says otherwise. */
  lockTtlMs: number;
}

export interface ShowtimeQuery {
  cinema: CinemaRef;
  /** Business days "YYYY-MM-DD", inclusive. Connectors apply vendor date offsets (鼎新 +1 day) themselves. */
  fromDate: string;
  toDate: string;
}

/**
 * One vendor's protocol in the domain's language, and nothing more. Business failures come back
 * as `Result` errors with a standard code and the vendor's own code; only bugs throw. A call that
 * was sent but got no answer is `outcome_unknown` and is resolved by the recovery policy, never
 * by blind resending.
 */
export interface CinemaConnector<Id extends string = VendorId> {
  /** A registered vendor's id; a vendor not yet in the list (a scaffold under test) names its own. */
  readonly vendor: Id;
  readonly capabilities: Capabilities;
  readonly recovery: RecoveryPolicy;

  /** Cheap authenticated call used by "test connection" and diagnosis. */
  ping(): Promise<Result<{ cinemaCount?: number }>>;

  listCinemas?(): Promise<Result<VendorCinema[]>>;
  getCinema(cinema: CinemaRef): Promise<Result<VendorCinema>>;
  listFilms(cinema: CinemaRef): Promise<Result<VendorFilm[]>>;
  listShowtimes(query: ShowtimeQuery): Promise<Result<VendorShowtime[]>>;
  getSeatLayout(cinema: CinemaRef, vendorHallId: string, showtime?: VendorShowtime): Promise<Result<SeatLayout>>;
  getSeatStatus(cinema: CinemaRef, showtime: VendorShowtime): Promise<Result<SeatStatusMap>>;
  /**
   * The showtime's own priced areas and their seats, for vendors that price seats by area (asked only
   * for a showtime with areaPrices; the hall layout above carries no authoritative areas).
   */
  getShowtimeAreas?(cinema: CinemaRef, showtime: VendorShowtime): Promise<Result<ShowtimeAreas>>;

  lock(req: LockRequest): Promise<Result<LockResult>>;
  release(order: OrderRef): Promise<Result<void>>;
  /** Confirms a locked order; `pending` when the vendor has not issued yet. */
  confirm(req: ConfirmRequest): Promise<Result<VendorOrderState>>;
  queryOrder(order: OrderRef): Promise<Result<VendorOrderState>>;
  reverse?(order: OrderRef): Promise<Result<VendorOrderState>>;
  cancel?(order: OrderRef): Promise<Result<VendorOrderState>>;
  refund?(order: OrderRef, reason: string): Promise<Result<VendorOrderState>>;
  printStatus?(order: OrderRef): Promise<Result<{ printed: boolean }>>;

  /**
   * This connector with one cinema's own settings applied, for vendors whose descriptor declares
   * `cinemaSettings`. Connectors belong to a vendor account (its pool, rate limit and breaker must be
   * shared), settings to a cinema; so the view shares this connector's transport and changes only
   * the cinema's business rules. The registry calls it (`forCinema`) with settings already checked
   * against the descriptor's schema.
   */
  withCinemaSettings?(settings: Record<string, unknown>): CinemaConnector<Id>;
}
