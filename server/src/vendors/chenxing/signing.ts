import { createHash } from "node:crypto";

/**
 * 辰星 TSP `pVerifyInfo` / `VerifyInfo` (public-refs §3.2): the parameter **values** in the
 * operation's declared order (AppCode first, the call's own parameters, Compress last; XML
 * operations in element order with lists flattened), then the channel key (验证密钥); the whole
 * string lower-cased — the key too — and MD5 over its UTF-8 bytes as 32 lowercase hex characters.
 * Names, separators and the verify field itself are not part of it; empty values add nothing.
 */
export function verifyInfoString(values: readonly string[], key: string): string {
  return (values.join("") + key).toLowerCase();
}

export function verifyInfo(values: readonly string[], key: string): string {
  return createHash("md5").update(verifyInfoString(values, key), "utf8").digest("hex");
}

/** Lowercase MD5 hex of a text (card passwords `pLmsPassword`, `VerifyCodeMD5`). */
export const md5Lower = (text: string): string => createHash("md5").update(text, "utf8").digest("hex");
