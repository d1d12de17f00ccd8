import type { Dataset } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import type { DxBook } from "./book.js";
import type { DingxinCatalog } from "./catalog.js";
import { DxCode, DxError } from "./codes.js";
import type { MemberBook } from "./members.js";

export interface DxEnv {
  dataset(): Dataset;
  catalog(): DingxinCatalog;
  now(): number;
  faults: FaultController;
  book: DxBook;
  members: MemberBook;
  /** Simulator hook: plays whose cineUpdateTime was bumped (play id → update time). */
  playUpdates: Map<number, number>;
}

/** Request parameters (form and query string together), values as decoded. */
export class Params {
  constructor(readonly raw: Readonly<Record<string, string>>) {}

  get(name: string): string | undefined {
    const v = this.raw[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  }

  req(name: string): string {
    const v = this.get(name);
    if (v === undefined) throw new DxError(DxCode.missingParam, `缺少参数${name}`);
    return v;
  }

  int(name: string): number {
    const v = this.req(name);
    if (!/^\d{1,12}$/.test(v)) throw new DxError(DxCode.missingParam, `参数${name}格式错误`);
    return Number(v);
  }
}

export interface DxCall {
  /** The action path, e.g. `cinema/plays`. */
  action: string;
  handle(p: Params, env: DxEnv): unknown;
}
