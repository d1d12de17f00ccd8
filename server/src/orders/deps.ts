import type { Db } from "../db/database.js";
import type { SeatStatusMap } from "../domain/catalog.js";
import type { Clock } from "../domain/time.js";
import type { PaidOrders } from "../payments/paid-orders.js";
import type { ConnectorRegistry } from "../vendors/registry.js";
import { CreateReads } from "./create-reads.js";
import { OrderStore } from "./order-store.js";
import { StepJournal } from "./step-journal.js";
import type { TradeContext } from "./trade-context.js";

/** What the order use cases share. */
export interface OrderDeps {
  db: Db;
  clock: Clock;
  registry: ConnectorRegistry;
  orders: OrderStore;
  /** The write-ahead record of the order steps' vendor calls. */
  journal: StepJournal;
  /** Reads shared by concurrent creates of one showtime. */
  createReads: CreateReads;
  /**
   * The vendor's live seat status (the catalogue's shared, cached read), for the cinemas that enforce
   * the single-gap rule: a gap is judged against every sold seat, not only our own holds.
   */
  liveSeatStatus?: (ctx: TradeContext) => Promise<SeatStatusMap | undefined>;
  /** The money side of the orders the platform takes payment for (the buyer site); bound at start-up. */
  payments?: PaidOrders;
}

/** The order side's shared parts over one database, on one clock. */
export function createOrderDeps(input: Pick<OrderDeps, "db" | "clock" | "registry" | "liveSeatStatus">): OrderDeps {
  const now = () => input.clock.now();
  return {
    ...input,
    orders: new OrderStore(input.db, now),
    journal: new StepJournal(input.db, now),
    createReads: new CreateReads(input.db, input.registry, now),
  };
}
