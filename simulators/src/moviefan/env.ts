import type { Dataset } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import type { MoviefanCatalog } from "./catalog.js";
import type { OrderBook } from "./orders.js";
import type { Params } from "./params.js";

/** What every call handler reads. */
export interface MoviefanEnv {
  dataset(): Dataset;
  catalog(): MoviefanCatalog;
  now(): number;
  faults: FaultController;
  orders: OrderBook;
}

/** A documented call: its name (as in `/api/<name>.aspx`) and the body it answers on success. */
export interface MoviefanCall {
  name: string;
  handle(p: Params, env: MoviefanEnv): Record<string, unknown>;
}

export const ok = (extra: Record<string, unknown> = {}) => ({ code: 1, msg: "操作成功", ...extra });
