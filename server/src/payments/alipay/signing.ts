import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from "node:crypto";
import { CHINA_OFFSET_MS } from "../../domain/time.js";

/**
 * Alipay OpenAPI 2.0's RSA2 strings (payments.md §4):
 * - a request is signed over every parameter except `sign` (so `sign_type` is included), sorted by
 *   name, joined as raw `k=v&…`, SHA256withRSA with the app private key, base64;
 * - a notify is verified over every parameter except `sign` **and** `sign_type`, with the values
 *   url-decoded, against the Alipay public key;
 * - an `exec` answer's `sign` covers the exact raw JSON text of its `*_response` value.
 */

/** The string a request signs: `sign` left out, empty values left out, sorted, raw values. */
export function requestSignContent(params: Record<string, string | undefined>): string {
  return joinSorted(params, new Set(["sign"]));
}

/** The string a notify's `sign` covers: `sign` and `sign_type` left out (§4 "Verify"). */
export function notifySignContent(params: Record<string, string | undefined>): string {
  return joinSorted(params, new Set(["sign", "sign_type"]));
}

function joinSorted(params: Record<string, string | undefined>, drop: Set<string>): string {
  return Object.keys(params)
    .filter((k) => !drop.has(k) && params[k] !== undefined && params[k] !== "")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

export function rsa2Sign(content: string, key: KeyObject): string {
  return createSign("RSA-SHA256").update(content, "utf8").sign(key, "base64");
}

export function rsa2Verify(content: string, signature: string, key: KeyObject): boolean {
  try {
    return createVerify("RSA-SHA256").update(content, "utf8").verify(key, signature, "base64");
  } catch {
    return false;
  }
}

/**
 * Alipay hands keys out as bare base64 as often as PEM (its key tool writes "应用私钥RSA2048.txt"
 * without headers): both are accepted. Bare text is tried as PKCS#8, then PKCS#1 (`keyType` of §5).
 * Throws when the text is neither.
 */
export function readPrivateKey(text: string): KeyObject {
  const t = text.trim();
  if (t.startsWith("-----")) return createPrivateKey(t);
  const der = Buffer.from(t.replace(/\s+/g, ""), "base64");
  try {
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } catch {
    return createPrivateKey({ key: der, format: "der", type: "pkcs1" });
  }
}

/** The Alipay public key (or the app public key): PEM or bare base64 SPKI. Throws when neither. */
export function readPublicKey(text: string): KeyObject {
  const t = text.trim();
  if (t.startsWith("-----")) return createPublicKey(t);
  return createPublicKey({ key: Buffer.from(t.replace(/\s+/g, ""), "base64"), format: "der", type: "spki" });
}

/**
 * The raw JSON text of `name` inside an answer (`{"alipay_trade_query_response":{…},"sign":"…"}`),
 * found by scanning the bytes rather than re-serialising a parsed object: the signature covers the
 * text exactly as Alipay wrote it (§4 "Query").
 */
export function rawMember(body: string, name: string): string | undefined {
  const key = `"${name}"`;
  let i = body.indexOf(key);
  if (i < 0) return undefined;
  i += key.length;
  while (i < body.length && /\s/.test(body[i]!)) i++;
  if (body[i] !== ":") return undefined;
  i++;
  while (i < body.length && /\s/.test(body[i]!)) i++;
  const start = i;
  if (body[i] !== "{") return undefined;
  let depth = 0;
  let inString = false;
  for (; i < body.length; i++) {
    const ch = body[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}") {
      depth--;
      if (depth === 0) return body.slice(start, i + 1);
    }
  }
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "yyyy-MM-dd HH:mm:ss" in China time: `timestamp`, `time_expire`, notify times (§4). */
export function alipayTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function parseAlipayTime(text: string | undefined): number | undefined {
  const m = text ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim()) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) - CHINA_OFFSET_MS;
}

/** Fen → Alipay's yuan with 2 decimals (`total_amount`, `refund_amount`, §4). */
export const yuanOf = (fen: number): string => `${Math.floor(fen / 100)}.${pad(fen % 100)}`;

/** "12.30" → 1230; anything that is not a yuan amount with at most 2 decimals → undefined. */
export function fenOf(yuan: string | undefined): number | undefined {
  const m = yuan ? /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(yuan.trim()) : null;
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}
