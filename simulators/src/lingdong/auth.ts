import { demoAccounts } from "../core/accounts.js";
import { badParam, LingdongCode, LingdongError } from "./codes.js";
import { lingdongHashcode } from "./hashcode.js";
import type { LingdongFormat } from "./respond.js";

export interface CommonParams {
  partner_id: string;
  sec_id: string;
  bus_id: string;
  req_id: string;
  ver: string;
  timestamp: string;
  hashcode: string;
}

const COMMON = ["partner_id", "sec_id", "bus_id", "req_id", "ver", "timestamp", "hashcode"] as const;

/**
 * The answer format switch: `format=xml|json` (the 7th common parameter; default xml). Anything else
 * is answered in XML with 400.
 */
export function formatOf(params: Record<string, string>): { format: LingdongFormat; valid: boolean } {
  const raw = (params["format"] ?? "xml").trim().toLowerCase();
  if (raw === "xml" || raw === "") return { format: "xml", valid: true };
  if (raw === "json") return { format: "json", valid: true };
  return { format: "xml", valid: false };
}

/** YmdHis (14 digits); the document's 16-digit example is accepted, the last two digits ignored. */
function validTimestamp(ts: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(ts);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const t = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return t.getUTCMonth() === mo! - 1 && t.getUTCDate() === d! && h! < 24 && mi! < 60 && s! < 60;
}

/** Remembers every req_id a partner used; a repeat is refused (406). */
export class RequestIdRegistry {
  private readonly seen = new Map<string, Set<string>>();

  claim(partnerId: string, reqId: string): void {
    let set = this.seen.get(partnerId);
    if (!set) {
      set = new Set();
      this.seen.set(partnerId, set);
    }
    if (set.has(reqId)) throw new LingdongError(LingdongCode.notAcceptable, `req_id重复:${reqId}`, "duplicate_req_id");
    set.add(reqId);
  }
}

/**
 * Checks the common parameters in the order: presence and format (400), partner credentials and
 * hashcode (401), then req_id uniqueness (406). Returns the partner id.
 */
export function authenticate(params: Record<string, string>, registry: RequestIdRegistry): CommonParams {
  for (const name of COMMON) if (!params[name]) throw badParam(`缺少参数:${name}`);
  const p = params as unknown as CommonParams;
  if (!/^[A-Za-z0-9]{1,19}$/.test(p.req_id)) throw badParam("req_id必须为20位以下的字母或数字");
  if (!/^\d{4}$/.test(p.ver)) throw badParam("ver必须为4位数字");
  if (!validTimestamp(p.timestamp)) throw badParam("timestamp格式应为YmdHis");
  const account = demoAccounts.lingdong;
  if (p.partner_id !== account.partnerId || p.sec_id !== account.secId || p.bus_id !== account.busId) {
    throw new LingdongError(LingdongCode.unauthorized, "合作方ID、安全配置ID或业务ID不正确", "unauthorized");
  }
  if (p.hashcode.toLowerCase() !== lingdongHashcode(p, account.md5Key)) {
    throw new LingdongError(LingdongCode.unauthorized, "hashcode校验失败", "invalid_hashcode");
  }
  registry.claim(p.partner_id, p.req_id);
  return p;
}
