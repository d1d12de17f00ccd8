import { createHash, randomBytes } from "node:crypto";
import { CHINA_OFFSET_MS } from "../../domain/time.js";

/** req_id: "20位以下, 只能为字母数字", unique ("不可重复"). */
export const REQ_ID = /^[A-Za-z0-9]{1,19}$/;

const base36 = (buf: Buffer, length: number): string => {
  let n = BigInt(`0x${buf.toString("hex")}`);
  let out = "";
  while (out.length < length) {
    out += (n % 36n).toString(36);
    n /= 36n;
  }
  return out;
};

export type SideEffect = "buyByCinema" | "buyByKind" | "payByCard" | "ban";
const PREFIX: Record<SideEffect, string> = { buyByCinema: "C", buyByKind: "K", payByCard: "P", ban: "X" };

/**
 * The req_id of a call with an effect, derived from our order id, the call and the attempt: 1 letter
 * + 15 base-36 characters of a SHA-256 + the attempt in 2 base-36 characters = 18 characters. The same
 * attempt always sends the same req_id, so Lingdong, which refuses a repeated req_id, can never
 * perform one attempt twice; a new attempt (a new req_id) is made only once the previous one is
 * known not to have produced anything usable.
 */
export function sideEffectReqId(call: SideEffect, orderId: string, attempt = 1): string {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt >= 36 * 36) throw new RangeError(`bad attempt ${attempt}`);
  const digest = createHash("sha256").update(`${call}\u0000${orderId}`).digest();
  return `${PREFIX[call]}${base36(digest, 15)}${attempt.toString(36).padStart(2, "0")}`;
}

/** A fresh req_id for a read: "Q" + 18 random base-36 characters. Reads are retried with new ids. */
export function readReqId(): string {
  return `Q${base36(randomBytes(16), 18)}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** timestamp "YmdHis" (14 digits, e.g. 20121225020202) in China time. */
export function lingdongTimestamp(epochMs: number): string {
  const d = new Date(epochMs + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}
