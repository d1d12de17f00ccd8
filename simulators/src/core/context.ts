import type { BookingView } from "./bookings.js";
import type { SimClock } from "./clock.js";
import type { Dataset } from "./dataset-types.js";
import type { FaultController } from "./faults.js";

/**
 * Everything a vendor simulator needs. Each vendor module exports
 * `create<Vendor>Simulator(ctx: SimContext): Promise<FastifyInstance>` (not yet listening) and keeps its
 * own state (locks, orders, tickets) inside that instance. The control API (see control.ts) drives
 * `clock` and `faults`.
 */
export interface SimContext {
  dataset: Dataset;
  clock: SimClock;
  faults: FaultController;
  /** Pino-compatible logging switch for Fastify; false in tests. */
  logger?: boolean;
  /**
   * Set by a vendor module that sells seats: a read-only snapshot of its locks and bookings for
   * `GET /_control/bookings` (chaos checks). Vendors without seat sales leave it unset.
   */
  bookings?: () => BookingView[];
}
