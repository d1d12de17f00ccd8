import { createCipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { XMLBuilder, XMLParser } from "fast-xml-parser";

/** The simulator's own reading of API v2's XML and signatures (payments.md §2). */
export function v2Sign(params: Record<string, string | undefined>, key: string, type: string): string {
  const text = `${Object.keys(params)
    .filter((k) => k !== "sign" && params[k] !== undefined && params[k] !== "")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&")}&key=${key}`;
  const hex =
    type === "HMAC-SHA256"
      ? createHmac("sha256", key).update(text).digest("hex")
      : createHash("md5").update(text).digest("hex");
  return hex.toUpperCase();
}

const parser = new XMLParser({ parseTagValue: false, trimValues: false });
const builder = new XMLBuilder({ cdataPropName: "__cdata" });

export function parseXml(text: string): Record<string, string> | undefined {
  try {
    const root = (parser.parse(text) as { xml?: unknown }).xml;
    if (typeof root !== "object" || root === null) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(root)) if (typeof v === "string") out[k] = v;
    return out;
  } catch {
    return undefined;
  }
}

export function buildXml(params: Record<string, string | undefined>, root = "xml"): string {
  const body: Record<string, { __cdata: string }> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") body[k] = { __cdata: v };
  return builder.build({ [root]: body }) as string;
}

/** req_info: AES-256-ECB/PKCS7, key = lower-case hex MD5 of the API key (§2). */
export function encryptReqInfo(plain: string, apiKey: string): string {
  const key = Buffer.from(createHash("md5").update(apiKey).digest("hex"), "utf8");
  const c = createCipheriv("aes-256-ecb", key, null);
  return Buffer.concat([c.update(plain, "utf8"), c.final()]).toString("base64");
}

export const nonce = (): string => randomBytes(16).toString("hex");

/** yyyyMMddHHmmss / "yyyy-MM-dd HH:mm:ss" in China time. */
export function compactTime(ms: number): string {
  return chinaParts(ms).join("");
}
export function spacedTime(ms: number): string {
  const [y, mo, d, h, mi, s] = chinaParts(ms);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}
function chinaParts(ms: number): string[] {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return [
    String(d.getUTCFullYear()),
    p(d.getUTCMonth() + 1),
    p(d.getUTCDate()),
    p(d.getUTCHours()),
    p(d.getUTCMinutes()),
    p(d.getUTCSeconds()),
  ];
}
export function parseCompactTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - 8 * 3600_000;
}
