import { DomainError } from "../domain/domain-error.js";
import type { Result, VendorError } from "../domain/errors.js";
import { CARD_AUTH_REFUSED as DINGXIN_CARD_AUTH_REFUSED } from "../vendors/dingxin/codes.js";

/**
 * Vendor codes that mean "the card's password is wrong". ykse §9.2.9 CARD_PASSWORD_ERROR (and
 * CARD_OLD_PASSWORD_ERROR for a password change). The document names no lock-out count, but its
 * remark for these codes is "请自行检查请求参数" (check your own request), not "retry": a wrong
 * password is final, and cinema counter systems commonly lock a card after a few wrong tries, so
 * nothing here ever repeats a call that carried a password.
 */
const PASSWORD_WRONG = new Set([
  "CARD_PASSWORD_ERROR",
  "CARD_OLD_PASSWORD_ERROR",
  // 鼎新: card/auth answering `auth` other than 1/true (public-refs §4.4; the refs list no error code
  // for it, §4.5/§13). The same one-call rule holds: card/auth is sent once per request.
  DINGXIN_CARD_AUTH_REFUSED,
  // 满天星: nothing. public-refs §9.4 gives loginCard's ResultCode/ResultMsg but no member-centre code
  // table; 100202 "password wrong" (§9.6) is the app's own password in the token block, not a card's,
  // so mapping it would turn a credentials fault into the buyer's mistake (docs/member-cards.md).
]);

/** ykse §9.2.9 CARD_NOT_USE_ERROR: the card exists but may not be used (lost, frozen …). */
const NOT_USABLE = new Set(["CARD_NOT_USE_ERROR"]);

/** A vendor's refusal of a card, grade or goods call in the domain's vocabulary. */
export function cardRefusal(error: VendorError): DomainError {
  const detail = `${error.message}${error.vendorCode ? ` (vendor code ${error.vendorCode})` : ""}`;
  if (error.vendorCode && PASSWORD_WRONG.has(error.vendorCode))
    return new DomainError("MEMBER_CARD_PASSWORD_WRONG", "the card's password is wrong");
  if (error.vendorCode && NOT_USABLE.has(error.vendorCode))
    return new DomainError("MEMBER_CARD_INVALID", detail, { reason: "not_usable" });
  switch (error.code) {
    case "not_found":
      return new DomainError("MEMBER_CARD_INVALID", detail, { reason: "not_found" });
    case "invalid_request":
    case "price_rejected":
      return new DomainError("VALIDATION_FAILED", detail);
    case "unsupported":
      return new DomainError("CONFLICT", detail, { reason: "not_supported" });
    case "rate_limited":
      return new DomainError("RATE_LIMITED", detail);
    default:
      return new DomainError("VENDOR_UNAVAILABLE", detail);
  }
}

/** A connector's answer, or its refusal thrown in the domain's vocabulary. */
export function unwrap<T>(res: Result<T>): T {
  if (!res.ok) throw cardRefusal(res.error);
  return res.value;
}
