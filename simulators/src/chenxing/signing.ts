import { createHash } from "node:crypto";

/**
 * public-refs §3.2, written again on the simulator side (simulators never import server code):
 * values in the operation's declared order + key, lower-cased, MD5 → 32 lowercase hex. The values
 * are the literal texts received (a float parameter is signed as the client wrote it, §3.5).
 */
export function expectedVerifyInfo(values: readonly string[], key: string): string {
  return createHash("md5")
    .update((values.join("") + key).toLowerCase(), "utf8")
    .digest("hex");
}

export const md5Hex = (text: string): string => createHash("md5").update(text, "utf8").digest("hex");
