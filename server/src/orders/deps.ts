import type { Db } from "../db/database.js";
import type { Clock } from "../domain/time.js";
import type { ConnectorRegistry } from "../vendors/registry.js";
import type { OrderStore } from "./order-store.js";

/** What the order use cases share. */
export interface OrderDeps {
  db: Db;
  clock: Clock;
  registry: ConnectorRegistry;
  orders: OrderStore;
  /** Per-cinema "no single empty seat" rule (off unless a cinema turns it on). */
  forbidSingleGap?: (cinemaId: string) => boolean;
}
