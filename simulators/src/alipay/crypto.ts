import { createSign, createVerify, type KeyObject } from "node:crypto";

export { type RsaPair, rsaPair } from "../pay-core/keys.js";

/**
 * The simulator's own copy of Alipay's RSA2 rules (payments.md §4), written from the notes and not
 * shared with the server's client, so a misreading on one side shows up as a failed verification.
 */

/** Sorted `k=v&…` of the non-empty parameters, without the names in `drop`. */
export function content(params: Record<string, string>, drop: readonly string[]): string {
  return Object.keys(params)
    .filter((k) => !drop.includes(k) && params[k] !== "")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

/** A request is signed over everything but `sign`; a notify over everything but `sign` and `sign_type`. */
export const REQUEST_DROP = ["sign"] as const;
export const NOTIFY_DROP = ["sign", "sign_type"] as const;

export const sign = (text: string, key: KeyObject): string =>
  createSign("RSA-SHA256").update(text, "utf8").sign(key, "base64");

export function verify(text: string, signature: string, key: KeyObject): boolean {
  try {
    return createVerify("RSA-SHA256").update(text, "utf8").verify(key, signature, "base64");
  } catch {
    return false;
  }
}

const p2 = (n: number) => String(n).padStart(2, "0");

/** "yyyy-MM-dd HH:mm:ss", China time. */
export function chinaTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** "yyyy-MM-dd HH:mm[:ss]" China time → ms, or NaN. */
export function parseChinaTime(text: unknown): number {
  const m = typeof text === "string" ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text) : null;
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0)) - 8 * 3600_000;
}

/** §4: total_amount is yuan with at most 2 decimals, 0.01–100000000. */
export function fenOfYuan(v: unknown): number | undefined {
  const m = typeof v === "string" ? /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(v) : null;
  if (!m) return undefined;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
  return fen >= 1 && fen <= 100_000_000_00 ? fen : undefined;
}

export const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${p2(fen % 100)}`;
