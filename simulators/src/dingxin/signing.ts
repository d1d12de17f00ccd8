import { createHash, timingSafeEqual } from "node:crypto";

/**
 * `_sig` as public-refs §4.2 describes it: every parameter sent except `_sig` (pid and format
 * included), names in byte order, `name=value` joined by `&` with raw values,
 * md5(md5(authCode + joined) + authCode), lowercase hex.
 */
const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");

export function signingString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== "_sig")
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

export function dingxinSig(params: Readonly<Record<string, string>>, authCode: string): string {
  return md5(md5(authCode + signingString(params)) + authCode);
}

export function verifySig(params: Readonly<Record<string, string>>, authCode: string): boolean {
  const given = params._sig ?? "";
  const expected = dingxinSig(params, authCode);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
