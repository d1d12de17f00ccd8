import type { VendorErrorCode } from "../../domain/errors.js";

/**
 * 通用返回码 (doc 001 "返回码"). `code` 1 is success; every other documented code maps to the
 * standard vocabulary. A test asserts every code of the document is here.
 */
export const returnCodes: Readonly<Record<number, { meaning: string; code: VendorErrorCode | "ok" }>> = {
  1: { meaning: "操作成功", code: "ok" },
  100: { meaning: "系统错误", code: "vendor_unavailable" },
  101: { meaning: "签名错误", code: "auth_failed" },
  200: { meaning: "缺少参数", code: "invalid_request" },
  201: { meaning: "渠道场次失效", code: "showtime_closed" },
  300: { meaning: "订单不存在", code: "not_found" },
  301: { meaning: "锁座失败", code: "seat_unavailable" },
  302: { meaning: "订单状态不正确", code: "order_state" },
  303: { meaning: "确认订单信息不正确", code: "price_rejected" },
};

/** The document has no rate-limit code; a 100 whose message says "too frequent" is one. */
const RATE_LIMIT_MSG = /频繁|限流|过多|too many|rate limit/i;

/** The standard code for a Moviefan return code (and message), or "ok". */
export function standardCode(code: number, msg: string): VendorErrorCode | "ok" {
  const known = returnCodes[code];
  if (!known) return "vendor_unavailable";
  if (code === 100 && RATE_LIMIT_MSG.test(msg)) return "rate_limited";
  return known.code;
}

/**
 * 订单状态 externalOrderStatus (queryOrder table; the separate 订单状态 table lists a subset).
 * Only 30 and 40 are final for issuing: "渠道方没有明确收到“出票失败“的状态，不能认为出票失败".
 */
export const orderStatuses: Readonly<Record<number, { meaning: string; issue: "issued" | "failed" | "pending" }>> = {
  0: { meaning: "新建", issue: "pending" },
  2: { meaning: "删除", issue: "pending" },
  10: { meaning: "锁座成功", issue: "pending" },
  20: { meaning: "锁座失败", issue: "pending" },
  30: { meaning: "成功(出票成功)", issue: "issued" },
  40: { meaning: "失败(出票失败)", issue: "failed" },
  100: { meaning: "已取消", issue: "pending" },
  110: { meaning: "释放座位", issue: "pending" },
};

/** ReturnedOrderStatus: who returned (refunded) an issued order; 0 = not returned. */
export const returnedStatuses: Readonly<Record<number, string>> = {
  0: "未退单",
  1: "供应商退单",
  2: "票友退单",
  3: "渠道退单",
};

/** payState. */
export const payStates: Readonly<Record<number, string>> = { 0: "未支付", 1: "已支付" };

/** MovieVersion 影片版本 table (movieVersions is a comma list of these codes; queryShows `version`). */
export const movieVersions: Readonly<Record<number, string>> = {
  1: "2D",
  2: "3D",
  3: "IMAX",
  4: "IMAX3D",
  5: "4D",
  6: "中国巨幕",
  7: "中国巨幕3D",
};

/** movieTypes 影片类型 table (movieTypes is a comma list of these codes). */
export const movieTypes: Readonly<Record<number, string>> = {
  1: "恐怖片",
  2: "喜剧片",
  3: "动作片",
  4: "动画片",
  5: "战争片",
  6: "爱情片",
  7: "青春片",
  8: "科幻片",
  9: "悬疑片",
  10: "伦理片",
  11: "灾难片",
  12: "警匪片",
  13: "剧情片",
  14: "冒险片",
  15: "纪录片",
  16: "惊悚片",
  17: "家庭片",
  18: "历史片",
  19: "运动片",
  20: "传记片",
  21: "犯罪片",
  22: "奇幻片",
  23: "武侠片",
  24: "励志片",
  25: "情色片",
  26: "文艺片",
  27: "暴力片",
  28: "音乐片",
  29: "黑色幽默片",
};

/** queryShowSeats seat `type`. */
export const seatTypes = { normal: 1, loveLeft: 2, loveRight: 3 } as const;

/** queryShowSeats seat `status`: 0 不可售, 1 可售, 2 不是座位. */
export const seatStatuses = { unavailable: 0, available: 1, notASeat: 2 } as const;
