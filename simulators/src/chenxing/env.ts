import type { Dataset } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import type { OrderBook } from "./book.js";
import type { ChenxingCatalog } from "./catalog.js";
import type { Tree } from "./soap.js";

/** What every operation handler reads. */
export interface TspEnv {
  dataset(): Dataset;
  catalog(): ChenxingCatalog;
  now(): number;
  faults: FaultController;
  book: OrderBook;
}

/** A flat-parameter operation: its `pXxx` parameters between pAppCode and pCompress, in declared order. */
export interface FlatOp {
  kind: "flat";
  name: string;
  params: readonly string[];
  handle(p: Readonly<Record<string, string>>, env: TspEnv): Tree;
}

/** An operation taking one XML-string parameter (`lockSeatXml` …). */
export interface XmlOp {
  kind: "xml";
  name: string;
  param: string;
  root: string;
  /** The values signed between AppCode and Compress, in declared element order (public-refs §3.2). */
  signed(doc: Tree): string[];
  handle(doc: Tree, env: TspEnv): Tree;
}

export type TspOp = FlatOp | XmlOp;

/** Money on the wire: yuan with two decimals (`35.00`). */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

/** A yuan text back to fen; undefined when it is not money. */
export function fenOf(text: string): number | undefined {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return undefined;
  return Math.round(Number(text) * 100);
}
