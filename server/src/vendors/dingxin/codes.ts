import type { VendorErrorCode } from "../../domain/errors.js";

/**
 * 鼎新 `errorCode`s. We hold no vendor document and public code shows no complete table
 * (public-refs §13): these are every code public-refs §4.5 lists, with its source's meaning. A test
 * asserts each of them is here.
 */
export const DINGXIN_CODES: Readonly<Record<string, { meaning: string; standard: VendorErrorCode | "ok" }>> = {
  // `status` 1 carries an empty errorCode.
  "": { meaning: "成功 (status 1)", standard: "ok" },
  // Hubs re-read cinema/plays and retry (JC): the connector does the same once; still stale after
  // that, the vendor is not serving this play consistently — try later.
  "300505": { meaning: "排期数据已过期 (play_update_time 不是最新)", standard: "vendor_unavailable" },
  // JC also answers it by re-reading the plays (inferred: a stale play_update_time at lock).
  "500529": { meaning: "锁座失败", standard: "seat_unavailable" },
  "505526": { meaning: "超出每次最多允许购买数", standard: "invalid_request" },
  "510573": { meaning: "会员卡余额不足", standard: "price_rejected" },
};

/**
 * Our vendorCode for `card/auth` answering success with an `auth` that is not 1/true: the card's
 * password did not check. public-refs §4.4 gives card/auth (cid, card, password) → data `auth` and no
 * error code for a wrong password (§13: no complete errorCode table), so this answer is the only
 * documented sign of one. The member-card service maps it to MEMBER_CARD_PASSWORD_WRONG.
 */
export const CARD_AUTH_REFUSED = "card_auth";

/** Codes after which the play's cineUpdateTime is re-read and the call made once more (JC). */
export const STALE_PLAY_CODES: ReadonlySet<string> = new Set(["300505", "500529"]);

/**
 * Undocumented codes are read by their message, the only thing left: the vendor's text is kept
 * with the raw code either way. Auth and rate-limit failures have no known code.
 */
const BY_MESSAGE: ReadonlyArray<[RegExp, VendorErrorCode]> = [
  [/签名|_sig|\bsig\b|合作商不存在|合作方不存在|pid/i, "auth_failed"],
  [/频繁|限流|过多请求|too many|rate limit/i, "rate_limited"],
  // An explicit price refusal means the sale did not happen: a refusal, not an unknown outcome.
  [/低于最低价|低于最低票价|价格不正确|价格错误|票价不符/, "price_rejected"],
];

/** What an error answer means when nothing about it is known: per call, the safe reading. */
export type UnknownDefault = VendorErrorCode;

/**
 * The standard code for an error answer. A documented code maps by the table; an undocumented one
 * by its message where that is unambiguous, otherwise to the call's safe default (a read: the
 * vendor failed; a sale: the outcome is unknown and the order is asked for, never resent).
 */
export function standardCode(code: string, message: string, unknown: UnknownDefault): VendorErrorCode | "ok" {
  const known = DINGXIN_CODES[code];
  if (known && code !== "") return known.standard;
  for (const [re, standard] of BY_MESSAGE) if (re.test(message)) return standard;
  return unknown;
}
