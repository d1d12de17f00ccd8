import type { VendorErrorCode } from "../../domain/errors.js";

type Row = { meaning: string; standard: VendorErrorCode | "ok" };

/** Codes a range of public-refs §9.6 names without a meaning per code: each gets the range's text. */
function range(from: number, to: number, meaning: string, standard: VendorErrorCode): Record<string, Row> {
  const out: Record<string, Row> = {};
  for (let c = from; c <= to; c++)
    out[String(c)] = { meaning: `${meaning}（${from}–${to} 段，逐码含义未公开）`, standard };
  return out;
}

/** Codes listed one meaning per code, in order (public-refs §9.6). */
function listed(from: number, rows: ReadonlyArray<readonly [string, VendorErrorCode]>): Record<string, Row> {
  return Object.fromEntries(rows.map(([meaning, standard], i) => [String(from + i), { meaning, standard }]));
}

/**
 * Every ResultCode public-refs §9.6 lists (from PHP-ERR, paraphrased there), mapped to the standard
 * vocabulary. Where the refs give a range with fewer meanings than codes, each code of the range
 * carries the range's meaning and the conservative standard code. An unlisted code is
 * `vendor_unavailable` with the vendor's raw text (see `standardCode`).
 */
export const MANTIANXING_CODES: Readonly<Record<string, Row>> = {
  "0": { meaning: "成功", standard: "ok" },
  "100101": { meaning: "验证信息错误 (verify info wrong)", standard: "auth_failed" },
  "100102": { meaning: "XML 参数解析错误", standard: "invalid_request" },
  "100103": { meaning: "影院连接已满或缺失", standard: "vendor_unavailable" },
  "100104": { meaning: "应用未授权", standard: "auth_failed" },
  "100105": { meaning: "令牌已过期 (token expired)", standard: "auth_failed" },
  ...listed(100201, [
    ["应用编码不存在", "auth_failed"],
    ["密码错误", "auth_failed"],
    ["无权限", "auth_failed"],
    ["IP 不允许", "config_error"],
    ["方法未授权（或合作方未开通销售）", "config_error"],
  ]),
  ...listed(100301, [
    ["令牌无效", "auth_failed"],
    ["令牌所属应用不可用", "auth_failed"],
    ["获取令牌失败", "vendor_unavailable"],
  ]),
  ...listed(100500, [
    ["系统错误", "vendor_unavailable"],
    ["读取配置错误", "vendor_unavailable"],
    ["数据库错误", "vendor_unavailable"],
    ["手机钱包支付失败", "vendor_unavailable"],
  ]),
  "100050": { meaning: "AppPric 格式错误", standard: "price_rejected" },
  "100051": { meaning: "BalancePric 格式错误", standard: "price_rejected" },
  ...listed(101101, [
    ["影院信息错误", "config_error"],
    ["中心锁座错误", "vendor_unavailable"],
    ["场次已关闭", "showtime_closed"],
    ["座位数不足", "seat_unavailable"],
    ["座位参数错误", "invalid_request"],
    ["流水号已存在", "order_state"],
    ["影院锁座失败（实时）", "seat_unavailable"],
    ["影院与中心网络错误", "vendor_unavailable"],
    ["场次已关闭或已停售", "showtime_closed"],
    ["座位已售", "seat_unavailable"],
    ["影院未知错误", "vendor_unavailable"],
    ["中心未知错误", "vendor_unavailable"],
    ["应用不支持实时锁座", "config_error"],
    ["实时锁座已关闭", "config_error"],
    ["场次不可网售", "showtime_closed"],
  ]),
  ...listed(101150, [
    ["FeatureAppNo 格式错误", "invalid_request"],
    ["SerialNum 格式错误", "invalid_request"],
    ["SeatNo 格式错误", "invalid_request"],
    ["TicketPrice 格式错误", "price_rejected"],
    ["PayType 格式错误", "invalid_request"],
    ["RecvMobilePhone 格式错误", "invalid_request"],
    ["SeatInfos 格式错误", "invalid_request"],
    ["锁座成功但更新价格失败", "price_rejected"],
  ]),
  ...range(
    101200,
    101209,
    "售票失败：取票密码错误、中心售票错误、二维码发送失败、流水号已存在、锁座流水号不存在、影院售票失败、座位已售、中心解锁失败",
    "vendor_unavailable",
  ),
  ...range(101250, 101261, "售票参数错误；订单无效 / 已退票 / 已打印 / 已确认未打印 / 异常", "order_state"),
  ...range(101301, 101303, "支付相关错误", "vendor_unavailable"),
  ...range(101401, 101409, "支付相关错误", "vendor_unavailable"),
  ...range(
    100600,
    100609,
    "取票：无打印机、远程错误、验证码错误、订单状态异常、无此订单、场次已关闭、已打印",
    "order_state",
  ),
  ...listed(101501, [
    ["订单不存在", "not_found"],
    ["合作方不匹配", "refund_refused"],
    ["不可退票", "refund_refused"],
    ["影院信息错误", "refund_refused"],
    ["影院已退票但中心失败", "outcome_unknown"],
    ["场次已关闭", "refund_refused"],
    ["未知错误", "outcome_unknown"],
    ["退票失败（场次已关闭或无此订单）", "refund_refused"],
    ["影院端失败或超时", "outcome_unknown"],
  ]),
  ...range(101601, 101604, "座位不可售 / 无座位或已关闭 / 预订失败", "seat_unavailable"),
  "101701": { meaning: "无订单信息", standard: "not_found" },
  "102101": { meaning: "中心已解锁但影院解锁失败", standard: "vendor_unavailable" },
};

/** No rate-limit code is in the refs; a generic error whose text says "too frequent" is one (inferred). */
const RATE_LIMIT_TEXT = /频繁|限流|过多|too many|rate limit/i;

/** The standard code for a ResultCode (and its text); undocumented codes are the vendor's failure. */
export function standardCode(code: string, message = ""): VendorErrorCode | "ok" {
  const known = MANTIANXING_CODES[code];
  if (!known) return "vendor_unavailable";
  if (known.standard === "vendor_unavailable" && RATE_LIMIT_TEXT.test(message)) return "rate_limited";
  return known.standard;
}

/** Codes that mean "ask for a new token and send again": the vendor refused before acting. */
export const TOKEN_CODES: ReadonlySet<string> = new Set(["100105", "100301"]);

/** OrderStatus (public-refs §9.5). 0 is not in the refs' list: the simulator and we read it as "locked, not sold" (inferred). */
export const ORDER_STATUSES: Readonly<Record<string, string>> = {
  "0": "已锁座未售（推断）",
  "4": "已支付",
  "6": "支付失败",
  "7": "已退票",
  "8": "已打印",
  "9": "影院售票成功",
};

/** SeatState (public-refs §9.5). */
export const SEAT_STATES: Readonly<Record<string, string>> = {
  "-1": "不可售",
  "0": "未售",
  "1": "已售",
  "3": "预留",
  "4": "已选",
  "6": "金座（一处客户端注释）",
  "7": "已锁定",
  "9": "已检票",
};
