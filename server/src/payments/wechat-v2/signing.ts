import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { XMLBuilder, XMLParser } from "fast-xml-parser";

/**
 * WeChat Pay API v2's wire format (payments.md §2): flat XML `<xml>…</xml>` and a signature over
 * the sorted non-empty parameters with `&key=API_KEY` appended, MD5 or HMAC-SHA256, upper-case hex.
 */
export type SignType = "MD5" | "HMAC-SHA256";

export function v2SignString(params: Record<string, string | undefined>, apiKey: string): string {
  const joined = Object.keys(params)
    .filter((k) => k !== "sign" && params[k] !== undefined && params[k] !== "")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
  return `${joined}&key=${apiKey}`;
}

export function v2Sign(params: Record<string, string | undefined>, apiKey: string, type: SignType): string {
  const text = v2SignString(params, apiKey);
  const hex =
    type === "HMAC-SHA256"
      ? createHmac("sha256", apiKey).update(text, "utf8").digest("hex")
      : createHash("md5").update(text, "utf8").digest("hex");
  return hex.toUpperCase();
}

/** Verifies `sign` with the type the message names (MD5 when absent, the v2 default). */
export function v2Verify(
  params: Record<string, string | undefined>,
  apiKey: string,
  fallback: SignType = "MD5",
): boolean {
  const sign = params.sign;
  if (!sign) return false;
  const type: SignType =
    params.sign_type === "HMAC-SHA256" ? "HMAC-SHA256" : params.sign_type === "MD5" ? "MD5" : fallback;
  const expected = Buffer.from(v2Sign(params, apiKey, type));
  const given = Buffer.from(sign.toUpperCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const parser = new XMLParser({ parseTagValue: false, trimValues: false, processEntities: true });
const builder = new XMLBuilder({ cdataPropName: "__cdata" });

/** `<xml>` with one level of text elements → a flat record; anything else → undefined. */
export function parseV2Xml(text: string): Record<string, string> | undefined {
  try {
    const doc = parser.parse(text) as { xml?: unknown; root?: unknown };
    const root = doc.xml ?? doc.root;
    if (typeof root !== "object" || root === null) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(root)) if (typeof v === "string" || typeof v === "number") out[k] = String(v);
    return out;
  } catch {
    return undefined;
  }
}

export function buildV2Xml(params: Record<string, string | undefined>): string {
  const body: Record<string, { __cdata: string }> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") body[k] = { __cdata: v };
  return builder.build({ xml: body }) as string;
}

export const v2Nonce = (): string => randomBytes(16).toString("hex");

/**
 * The refund notify's `req_info` (§2): base64 of AES-256-ECB/PKCS7 under the lower-case hex MD5 of
 * the API key, used as 32 ASCII bytes.
 */
export function decryptReqInfo(reqInfo: string, apiKey: string): string {
  const key = Buffer.from(createHash("md5").update(apiKey, "utf8").digest("hex"), "utf8");
  const d = createDecipheriv("aes-256-ecb", key, null);
  return Buffer.concat([d.update(Buffer.from(reqInfo, "base64")), d.final()]).toString("utf8");
}

export function encryptReqInfo(plain: string, apiKey: string): string {
  const key = Buffer.from(createHash("md5").update(apiKey, "utf8").digest("hex"), "utf8");
  const c = createCipheriv("aes-256-ecb", key, null);
  return Buffer.concat([c.update(plain, "utf8"), c.final()]).toString("base64");
}

/** yyyyMMddHHmmss in China time (v2's time format, §1.9). */
export function v2Time(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export function parseV2Time(text: string | undefined): number | undefined {
  const m = text ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - 8 * 3600_000;
}
