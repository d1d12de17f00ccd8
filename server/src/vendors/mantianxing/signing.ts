import { createHash } from "node:crypto";

/**
 * 满天星 CMTS verify value (public-refs §9.2): the values in parameter order, then the session
 * Token (never sent itself), then the key; the whole string lower-cased; MD5 over UTF-8 as
 * lowercase hex; characters 9–24 (slice [8, 24)), 16 characters. Ops without a token, the member
 * centre's validateKey and ConfirmSPInfo leave the token out; the caller passes what it signs.
 *
 * Worked example (public-refs §9.2, recomputed in the tests): app TEST, key 12345678, token
 * 1829/abcdef, GetCinemaPlan(gzxxx, 2014-11-30) → "testgzxxx2014-11-301829abcdef12345678" →
 * md5 4a220cd30e136364da5b818633034104 → 0e136364da5b8186.
 */
export function verifyString(values: readonly string[], key: string): string {
  return (values.join("") + key).toLowerCase();
}

export function verifyInfo(values: readonly string[], key: string): string {
  return createHash("md5").update(verifyString(values, key), "utf8").digest("hex").slice(8, 24);
}
