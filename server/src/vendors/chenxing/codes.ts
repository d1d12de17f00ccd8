import type { VendorErrorCode } from "../../domain/errors.js";

type Row = { meaning: string; standard: VendorErrorCode | "ok" };

/**
 * Every `ResultCode` the public references show (public-refs §3.1, §3.4). 辰星's own table
 * (附录A) was not found (§13): a code not listed here is read through its message text (below)
 * and otherwise falls to the safe default, vendor_unavailable, with the raw code and text kept.
 */
export const CHENXING_CODES: Readonly<Record<string, Row>> = {
  "0": { meaning: "成功", standard: "ok" },
  "100302": {
    meaning: "网络代售系统异常（网关包装码，内部错误码在 Message 中：…(错误码：NNNNN)）",
    standard: "vendor_unavailable",
  },
};

/** Inner codes seen inside a 100302 message (WZH samples, public-refs §3.1). */
export const CHENXING_INNER_CODES: Readonly<Record<string, Row>> = {
  "10208": { meaning: "锁座失败", standard: "seat_unavailable" },
  "10252": { meaning: "传入数据中票价不符合要求（标准价…，服务费…）", standard: "price_rejected" },
};

/**
 * Inferred from the message text because no code table exists (docs/vendors/chenxing.md,
 * "Code table"): the order matters — price and seat texts first, so that "票价校验失败" is not read
 * as an authentication failure, and 验证码 (the pickup verify code) is not 验证信息.
 */
const MESSAGE_RULES: ReadonlyArray<readonly [RegExp, VendorErrorCode]> = [
  [/票价|价格不符|低于最低价/, "price_rejected"],
  [/锁座失败|座位.{0,6}(已售|已锁|已被|占用|不可用|不可售)/, "seat_unavailable"],
  [/验证信息|VerifyInfo|签名|密钥|AppCode|渠道.{0,6}(不存在|无效|未开通)|未授权|无权/i, "auth_failed"],
  [/频繁|限流|too many|rate limit/i, "rate_limited"],
  [/场次.{0,8}(不存在|已停售|停止销售|已过期|已开场|未开放)|排期.{0,6}(不存在|未开放)/, "showtime_closed"],
];

export interface CodeReading {
  standard: VendorErrorCode | "ok";
  /** What support staff see: `100302/10208` when an inner code was found. */
  vendorCode: string;
  /** How the code was read, for the docs and tests. */
  via: "table" | "inner" | "message" | "default";
}

const INNER = /错误码\s*[:：]\s*(\d+)/;

/** The standard code for a ResultCode and its Message. */
export function readCode(code: string, message: string): CodeReading {
  if (code === "0") return { standard: "ok", vendorCode: code, via: "table" };
  if (code === "100302") {
    const inner = INNER.exec(message)?.[1];
    const row = inner === undefined ? undefined : CHENXING_INNER_CODES[inner];
    if (row) return { standard: row.standard, vendorCode: `${code}/${inner}`, via: "inner" };
    const byText = byMessage(message);
    const vendorCode = inner === undefined ? code : `${code}/${inner}`;
    return byText
      ? { standard: byText, vendorCode, via: "message" }
      : { standard: "vendor_unavailable", vendorCode, via: "table" };
  }
  const byText = byMessage(message);
  if (byText) return { standard: byText, vendorCode: code, via: "message" };
  return { standard: CHENXING_CODES[code]?.standard ?? "vendor_unavailable", vendorCode: code, via: "default" };
}

function byMessage(message: string): VendorErrorCode | undefined {
  return MESSAGE_RULES.find(([re]) => re.test(message))?.[1];
}

/** Refund (CancelOrder) refusals, by text: the ticket was printed, the show started, or the cinema refuses. */
export const REFUND_REFUSED = /已取票|已打印|已出票.{0,4}不|不允许退|不能退|禁止退|已开场|已放映|超过.{0,6}退票时间/;

/**
 * QueryOrderStatus `OrderStatus`: the hubs treat `1` as "submit failed" and `2` as "refunded"
 * (public-refs §3.4, medium confidence); the success value is not visible. Everything else is
 * read from the pickup codes (docs/vendors/chenxing.md, "Recovery").
 */
export const ORDER_STATUS = { submitFailed: "1", refunded: "2" } as const;

/** Seat states (QueryPlanSeat pStatus / Status). */
export const SEAT_STATES = ["Available", "Locked", "Sold", "Booked", "Unavailable"] as const;
