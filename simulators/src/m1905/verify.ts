import { createHash } from "node:crypto";

/**
 * public-refs §8.1: pVerifyInfo = lowercase hex MD5 (UTF-8) of pAppCode's value, then every other
 * parameter's value in the call's documented order, then the key. Nothing is lower-cased or
 * encoded before hashing. The server side checks against its own parameter order (the method's
 * table), not the order the form happened to arrive in.
 */
export function verifyInfo(appCode: string, values: readonly string[], key: string): string {
  return createHash("md5")
    .update(appCode + values.join("") + key, "utf8")
    .digest("hex");
}
