import { createCipheriv, createHash } from "node:crypto";

/**
 * 火烈鸟 1.5 member-card API signing and encryption (public-refs §6.4; a 火烈鸟 extension, not part
 * of the 2013 standard). K = upper(md5(channelKey)); sign = md5(K + URLEncode_UTF8(sorted
 * "k=v&…" of every parameter but sign) + K) in lowercase hex; passwords and chip codes travel as
 * AES-128/ECB/PKCS5 of their UTF-8 text in uppercase hex, keyed by the first 16 bytes of
 * SHA1(SHA1(K)) (what Java's SHA1PRNG seeded with K yields).
 */
export const memberK = (channelKey: string): string =>
  createHash("md5").update(channelKey, "utf8").digest("hex").toUpperCase();

/** Java URLEncoder.encode(s, "UTF-8"): space → +, only A–Z a–z 0–9 . - * _ left as they are. */
export function javaUrlEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** The string signed: every parameter but `sign`, sorted by name, as `k=v&…`. */
export const memberSignString = (params: Readonly<Record<string, string>>): string =>
  Object.keys(params)
    .filter((k) => k !== "sign")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");

export function memberSign(params: Readonly<Record<string, string>>, channelKey: string): string {
  const k = memberK(channelKey);
  return createHash("md5")
    .update(k + javaUrlEncode(memberSignString(params)) + k, "utf8")
    .digest("hex");
}

/** The AES key: first 16 bytes of SHA1(SHA1(K)). */
export function memberAesKey(channelKey: string): Buffer {
  const once = createHash("sha1").update(memberK(channelKey), "utf8").digest();
  return createHash("sha1").update(once).digest().subarray(0, 16);
}

/** AES-128/ECB/PKCS5 of the UTF-8 text, uppercase hex (card password, chip code). */
export function memberEncrypt(plain: string, channelKey: string): string {
  const cipher = createCipheriv("aes-128-ecb", memberAesKey(channelKey), null);
  return Buffer.concat([cipher.update(plain, "utf8"), cipher.final()])
    .toString("hex")
    .toUpperCase();
}
