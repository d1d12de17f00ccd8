import type { VendorErrorCode } from "../../domain/errors.js";

/**
 * 火凤凰 asmx `result` values. We hold no vendor document and public code shows no error table
 * (public-refs §13): these are every value public-refs §5.3 lists, each seen in one call's raw
 * reply, so a value is read for the call it was seen in (`method:result`); `0` is success
 * everywhere (§5.1). A test asserts each of them is here.
 */
export const HUOFENGHUANG_CODES: Readonly<Record<string, { meaning: string; standard: VendorErrorCode | "ok" }>> = {
  "0": { meaning: "成功 (result=0)", standard: "ok" },
  "webLockSeat:3": { meaning: "SLPE: Seat-Locking Processing Error 锁座处理失败", standard: "seat_unavailable" },
  // A refused sale did not happen: the seat count we sent does not match the lock.
  "fixCashOrder:6": { meaning: "座位数不符 (seat count mismatch)", standard: "invalid_request" },
  "cancelOrder:104": { meaning: "退票订单不存在 (refund order not found)", standard: "not_found" },
  "fixTicketPrint:1": { meaning: "已打印 (already printed)", standard: "order_state" },
};

/**
 * Undocumented values are read by their message, the only thing left; the vendor's text is kept
 * with the raw value either way. A checkValue mismatch is named apart from a wrong user or password
 * (the diagnosis tells support which of the two to check).
 */
const BY_MESSAGE: ReadonlyArray<[RegExp, VendorErrorCode]> = [
  [/checkValue|校验串|校验码|校验值|MD5|签名/i, "auth_failed"],
  [/userId|userPass|用户名|用户不存在|密码|口令|身份验证|认证|权限|未授权|无权/i, "auth_failed"],
  [/频繁|过多|too many|rate limit/i, "rate_limited"],
  [/价格|票价|低于最低/, "price_rejected"],
  [/场次.*(停售|已过|过期|不存在)|停止售票|已开场/, "showtime_closed"],
];

/** A checkValue mismatch, for the diagnosis text (public-refs §5.1: its scope is uncertain). */
export const isCheckValueMismatch = (message: string): boolean =>
  /checkValue|校验串|校验码|校验值|MD5|签名/i.test(message);

/**
 * The standard code for a non-zero `result`: the table for the call, then the message, then the
 * call's safe default (a read: the vendor failed; a side effect: the outcome is unknown and the
 * order is asked for, never resent).
 */
export function standardCode(
  method: string,
  result: string,
  message: string,
  unknown: VendorErrorCode,
): VendorErrorCode | "ok" {
  if (result === "0") return "ok";
  const known = HUOFENGHUANG_CODES[`${method}:${result}`];
  if (known) return known.standard;
  for (const [re, standard] of BY_MESSAGE) if (re.test(message)) return standard;
  return unknown;
}
