import type { Dataset } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import type { MtxCatalog } from "./catalog.js";
import type { OrderBook } from "./orders.js";
import type { TokenStore } from "./tokens.js";

/** What every call handler reads. */
export interface MtxEnv {
  dataset(): Dataset;
  catalog(): MtxCatalog;
  now(): number;
  faults: FaultController;
  orders: OrderBook;
  tokens: TokenStore;
  appCode: string;
  key: string;
  partnerCode: string;
  partnerKey: string;
}

/** A reply: the root element and its fields (XML), or a JSON document for the JSON ops. */
export type Reply = { xml: string } | { json: Record<string, unknown> };
