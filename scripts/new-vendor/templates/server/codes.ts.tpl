import type { VendorErrorCode } from "../../domain/errors.js";

/**
 * Every return code of the vendor's document, mapped to the standard vocabulary. TODO: the
 * document's table, every row (a test should assert that every documented code is here).
 */
export const __ID__CODES: Readonly<Record<string, { meaning: string; standard: VendorErrorCode | "ok" }>> = {
  "0": { meaning: "成功", standard: "ok" },
  "401": { meaning: "签名错误", standard: "auth_failed" },
  "429": { meaning: "调用过于频繁", standard: "rate_limited" },
  "500": { meaning: "系统错误", standard: "vendor_unavailable" },
};

/** The standard code for a vendor code; an undocumented code is the vendor's failure. */
export const standardCode = (code: string): VendorErrorCode | "ok" => __ID__CODES[code]?.standard ?? "vendor_unavailable";
