import { createHash } from "node:crypto";
import { signingString } from "../dingxin/signing.js";

/**
 * 火烈鸟 v5.0 / CEC-style `sign` (public-refs §7.1):
 * 1. every parameter sent except `sign` (channelCode included), names in ascending order, `name=value`
 *    joined with `&` — the same joined string 鼎新 signs, so its builder is reused;
 * 2. that whole string URL-encoded as Java's URLEncoder does over UTF-8 (space → `+`, `=` → `%3D`,
 *    `&` → `%26`, `,` → `%2C`, uppercase hex; only `A–Z a–z 0–9 . - * _` stay as they are);
 * 3. sign = lowercase hex md5(key + encoded + key).
 * Worked example in docs/vendors/huolieniao5.md and signing.test.ts.
 */
export const SIGN_PARAM = "sign";

/** java.net.URLEncoder.encode(s, "UTF-8"): encodeURIComponent leaves `! ' ( ) ~` and encodes `*`. */
export function javaUrlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2A/g, "*")
    .replace(/%20/g, "+");
}

/** The encoded string that is hashed (between the two copies of the key). */
export const encodedSigningString = (params: Readonly<Record<string, string>>): string =>
  javaUrlEncode(signingString(Object.fromEntries(Object.entries(params).filter(([k]) => k !== SIGN_PARAM))));

export function ngcSign(params: Readonly<Record<string, string>>, key: string): string {
  return createHash("md5")
    .update(key + encodedSigningString(params) + key, "utf8")
    .digest("hex");
}

/** The form as posted: the call's parameters, channelCode, and sign. */
export function signedForm(
  params: Readonly<Record<string, string>>,
  channelCode: string,
  key: string,
): Record<string, string> {
  const all = { ...params, channelCode };
  return { ...all, [SIGN_PARAM]: ngcSign(all, key) };
}
