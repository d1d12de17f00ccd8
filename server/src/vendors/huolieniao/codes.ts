import type { VendorErrorCode } from "../../domain/errors.js";

type Row = { meaning: string; standard: VendorErrorCode | "ok" };

/**
 * Every `ErrorCode` the public references show for 火烈鸟 1.5 (public-refs §6.1–6.2). There is no
 * published table: success is `Status="Success"` with an empty ErrorCode (kept here as ""), and the
 * only failure seen is 500 from DTakeTicketConfirm. A code not listed is read through its
 * ErrorMessage text (below) and otherwise falls to the safe default, vendor_unavailable, with the
 * raw code and text kept (docs/vendors/huolieniao.md, "Code table").
 */
export const HUOLIENIAO_CODES: Readonly<Record<string, Row>> = {
  "": { meaning: '成功（Status="Success" 且 ErrorCode 为空）', standard: "ok" },
  "500": {
    meaning: "更新影票状态失败（DTakeTicketConfirm 的样例；其他操作的 500 含义未知）",
    standard: "vendor_unavailable",
  },
};

/**
 * Inferred from the message text because no code table exists. Order matters: price and seat
 * texts first, so that "价格校验失败" is not read as an authentication failure.
 */
const MESSAGE_RULES: ReadonlyArray<readonly [RegExp, VendorErrorCode]> = [
  [/票价|价格|低于最低价|PayPrice/i, "price_rejected"],
  [/座位.{0,8}(已售|已锁|已被|占用|不可用|不可售|锁定失败)|锁座失败/, "seat_unavailable"],
  [/用户名|密码|Username|Password|认证|鉴权|未授权|无权|签名/i, "auth_failed"],
  [/频繁|限流|too many|rate limit/i, "rate_limited"],
  [/场次.{0,8}(不存在|已停售|停止销售|已过期|已开场|未开放|未开售)|排期.{0,6}(不存在|未开放)/, "showtime_closed"],
  [/订单.{0,6}(不存在|未找到)|影院.{0,6}不存在/, "not_found"],
  [/订单.{0,8}(状态|已失效|已提交|已取消|已过期)/, "order_state"],
];

/** Refund refusals, by text: printed, the show started, or the cinema refuses. */
export const REFUND_REFUSED = /已取票|已打印|已出票|不允许退|不能退|禁止退|已开场|已放映|超过.{0,6}退票时间/;

export interface CodeReading {
  standard: VendorErrorCode | "ok";
  vendorCode: string;
  via: "table" | "message" | "default";
}

/** The standard code for a reply's Status, ErrorCode and ErrorMessage. */
export function readCode(status: string | undefined, code: string, message: string): CodeReading {
  if (status === "Success" && code === "") return { standard: "ok", vendorCode: "Success", via: "table" };
  const vendorCode = code || `Status=${status ?? "?"}`;
  const byText = MESSAGE_RULES.find(([re]) => re.test(message))?.[1];
  if (byText) return { standard: byText, vendorCode, via: "message" };
  const row = code === "" ? undefined : HUOLIENIAO_CODES[code];
  return { standard: row?.standard ?? "vendor_unavailable", vendorCode, via: row ? "table" : "default" };
}

/** QuerySessionSeat / QuerySeat seat states (public-refs §6.2). */
export const SESSION_SEAT_STATES = ["Available", "Locked", "Sold", "Booked", "Unavailable"] as const;
