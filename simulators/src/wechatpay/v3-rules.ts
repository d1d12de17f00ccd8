/**
 * Field rules of the v3 JSAPI order and refund (payments.md §1.2, §1.9), as one function each that
 * returns the first problem in WeChat's own PARAM_ERROR terms, or undefined.
 */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown, min: number, max: number) => typeof v === "string" && v.length >= min && v.length <= max;

export const OUT_TRADE_NO_V3 = /^[A-Za-z0-9_\-*]{6,32}$/;
export const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

export interface ParamProblem {
  field: string;
  issue: string;
  /** The internal number after the last "-" of Request-ID (§1.4, §1.10). */
  internal?: number;
}

export function jsapiProblem(b: unknown): ParamProblem | undefined {
  if (!isObject(b)) return { field: "body", issue: "请求体不是 JSON 对象" };
  if (!str(b.appid, 1, 32)) return { field: "appid", issue: "appid 必填，长度 1-32" };
  if (!str(b.mchid, 1, 32)) return { field: "mchid", issue: "mchid 必填，长度 1-32" };
  if (!str(b.description, 1, 127)) return { field: "description", issue: "description 必填，长度 1-127" };
  if (typeof b.out_trade_no !== "string" || !OUT_TRADE_NO_V3.test(b.out_trade_no)) {
    return { field: "out_trade_no", issue: "out_trade_no 长度 6-32，只能是数字、大小写字母、_-*" };
  }
  if (b.time_expire !== undefined && (typeof b.time_expire !== "string" || !RFC3339.test(b.time_expire))) {
    return { field: "time_expire", issue: "time_expire 须为 RFC3339 格式，如 2015-05-20T13:29:35+08:00" };
  }
  if (b.attach !== undefined && !str(b.attach, 1, 128)) return { field: "attach", issue: "attach 长度 1-128" };
  if (typeof b.notify_url !== "string" || !str(b.notify_url, 1, 255)) {
    return { field: "notify_url", issue: "notify_url 必填，长度 1-255" };
  }
  const notify = notifyUrlProblem(b.notify_url);
  if (notify) return { field: "notify_url", issue: notify };
  const amount = b.amount;
  if (!isObject(amount) || !Number.isSafeInteger(amount.total) || (amount.total as number) < 1) {
    return { field: "amount.total", issue: "amount.total 必须为 ≥1 的整数（单位：分）", internal: 268435461 };
  }
  if (amount.currency !== undefined && amount.currency !== "CNY")
    return { field: "amount.currency", issue: "仅支持 CNY" };
  const payer = b.payer;
  if (!isObject(payer) || !str(payer.openid, 1, 128)) {
    return { field: "payer.openid", issue: "JSAPI支付必须传openid", internal: 268501013 };
  }
  return undefined;
}

/**
 * §1.2: an absolute URL without a query string. Real WeChat also requires https and rejects
 * private addresses; the simulator accepts http on loopback, because that is where its callers
 * live (the only place it departs from the rule).
 */
export function notifyUrlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "notify_url 须为绝对 URL";
  }
  if (u.search !== "") return "notify_url 不能携带参数";
  const loopback = u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.hostname === "[::1]";
  if (u.protocol !== "https:" && !(u.protocol === "http:" && loopback)) return "notify_url 须为 https 地址";
  return undefined;
}

export function refundProblem(b: unknown): ParamProblem | undefined {
  if (!isObject(b)) return { field: "body", issue: "请求体不是 JSON 对象" };
  if (b.out_trade_no === undefined && b.transaction_id === undefined) {
    return { field: "out_trade_no", issue: "transaction_id 与 out_trade_no 必填其一" };
  }
  if (typeof b.out_refund_no !== "string" || !OUT_REFUND_NO.test(b.out_refund_no)) {
    return { field: "out_refund_no", issue: "out_refund_no 长度 1-64，只能是数字、大小写字母_-|*@" };
  }
  if (b.reason !== undefined && !str(b.reason, 1, 80)) return { field: "reason", issue: "reason 长度 1-80" };
  if (b.notify_url !== undefined) {
    const notify = typeof b.notify_url === "string" ? notifyUrlProblem(b.notify_url) : "notify_url 须为字符串";
    if (notify) return { field: "notify_url", issue: notify };
  }
  const a = b.amount;
  if (!isObject(a) || !Number.isSafeInteger(a.refund) || (a.refund as number) < 1) {
    return { field: "amount.refund", issue: "amount.refund 必须为 ≥1 的整数（单位：分）" };
  }
  if (!Number.isSafeInteger(a.total) || (a.total as number) < 1) {
    return { field: "amount.total", issue: "amount.total 必须为 ≥1 的整数（单位：分）" };
  }
  if (a.currency !== "CNY") return { field: "amount.currency", issue: "amount.currency 必填，仅支持 CNY" };
  return undefined;
}

/** "2026-12-03T20:00:00+08:00" for an epoch, in China time as WeChat writes it. */
export function chinaRfc3339(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}+08:00`;
}
