import type { Cinema } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import type { HfhBook } from "./book.js";
import type { HfhMembers } from "./calls-members.js";
import type { HfhCatalog } from "./catalog.js";
import { HfhCode, HfhError } from "./codes.js";
import type { HfhAnswer } from "./wire.js";

export interface HfhEnv {
  catalog(): HfhCatalog;
  now(): number;
  faults: FaultController;
  book: HfhBook;
  members: HfhMembers;
}

/** Request parameters in the order received (query string or form), values decoded. */
export class Params {
  constructor(readonly pairs: ReadonlyArray<readonly [string, string]>) {}

  get(name: string): string | undefined {
    const v = this.pairs.find(([k]) => k === name)?.[1];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  }

  req(name: string): string {
    const v = this.get(name);
    if (v === undefined) throw new HfhError(HfhCode.missingParam, `缺少参数${name}`);
    return v;
  }

  int(name: string): number {
    const v = this.req(name);
    if (!/^\d{1,9}$/.test(v)) throw new HfhError(HfhCode.missingParam, `参数${name}格式错误`);
    return Number(v);
  }

  /** `a|b|c` lists (ticketTypeList, priceList, feeList, seatId). */
  list(name: string): string[] {
    return this.req(name).split("|");
  }
}

export interface HfhCall {
  method: string;
  /** Ticketing calls name a cinema in their auth block; qryCinema may name none; member calls carry none. */
  cinema: "required" | "optional" | "none";
  handle(p: Params, env: HfhEnv, cinema: Cinema | undefined): HfhAnswer;
}
