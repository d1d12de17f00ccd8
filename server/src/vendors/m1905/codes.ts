import type { VendorErrorCode } from "../../domain/errors.js";

/**
 * Every 1905 code the public references show (public-refs §8.1, §8.3), mapped to the standard
 * vocabulary. That is very little: the XML flavour's success `0`, and three JSON-flavour errnos seen
 * in client code without their meaning (§13: no errno table was found). Everything else is unknown
 * and goes through `unknownCode` below: never guessed, always kept with the vendor's raw code and text.
 */
export const M1905CODES: Readonly<Record<string, { meaning: string; standard: VendorErrorCode | "ok" }>> = {
  "0": { meaning: "成功 (XML ResultCode; JSON errno)", standard: "ok" },
  "300001": {
    meaning: "seen in a JSON lock reply with an empty error text; meaning not shown (WZH) — unknown, vendor's failure",
    standard: "vendor_unavailable",
  },
  "900003": {
    meaning: "seen in JSON client code; meaning not shown — unknown, vendor's failure",
    standard: "vendor_unavailable",
  },
  "100406": {
    meaning: "on a lock, JC refreshes its session list (inferred: stale or closed session)",
    standard: "showtime_closed",
  },
};

/**
 * What an undocumented code means depends on the call, as the conservative reading of each:
 * - reads: the vendor failed (`vendor_unavailable`), the caller may ask again;
 * - calls with an effect (lock, sale, refund, card debit, recharge): the connector asks the vendor
 *   what happened before it says anything (see index.ts), and falls back to this default;
 * - the account-only calls (GetCinema, GetFeatureFilm take nothing but pAppCode and pVerifyInfo):
 *   a refusal can only be about the account, so `auth_failed`.
 */
export type UnknownCodeRule = VendorErrorCode;

/** The standard code for a vendor code, or `fallback` when the refs do not list it. */
export function standardCode(code: string, fallback: UnknownCodeRule): VendorErrorCode | "ok" {
  return M1905CODES[code]?.standard ?? fallback;
}

/** True when the code is one of the documented ones (the others are recorded as unknown). */
export const isDocumented = (code: string): boolean => code in M1905CODES;
