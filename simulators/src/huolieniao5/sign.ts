import { createHash, timingSafeEqual } from "node:crypto";
import { signingString } from "../dingxin/signing.js";

/**
 * `sign` as public-refs §7.1 describes it: every parameter but `sign` (channelCode included), names
 * sorted, `name=value` joined by `&` (the joined string 鼎新's simulator builds, reused), that string
 * URL-encoded as java.net.URLEncoder does over UTF-8, then lowercase md5(key + encoded + key).
 */
const javaEncode = (s: string) =>
  encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2A/g, "*")
    .replace(/%20/g, "+");

export function ngcSign(params: Readonly<Record<string, string>>, key: string): string {
  const rest = Object.fromEntries(Object.entries(params).filter(([k]) => k !== "sign"));
  return createHash("md5")
    .update(key + javaEncode(signingString(rest)) + key, "utf8")
    .digest("hex");
}

export function verifySign(params: Readonly<Record<string, string>>, key: string): boolean {
  const given = params.sign ?? "";
  const expected = ngcSign(params, key);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
