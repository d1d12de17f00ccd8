import { createHash } from "node:crypto";
import iconv from "iconv-lite";

/**
 * Key order of the signature (doc "签名生成规则" 2): "按key首字母进行排序，小写在前大写在后，a-z的顺序排列".
 * Read as the .NET culture-aware ordering the vendor's .aspx stack uses: compare case-insensitively
 * (a-z), and only when two keys are equal ignoring case does the lowercase letter come first
 * (so `alpha < Alpha < beta`). Plain ASCII order would put every uppercase letter before `a`.
 */
export function compareKeys(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  for (let i = 0; i < a.length; i++) {
    const ca = a[i]!;
    const cb = b[i]!;
    if (ca === cb) continue;
    // Same letter, different case: lowercase first.
    return ca === ca.toLowerCase() ? -1 : 1;
  }
  return 0;
}

/** `key=value&key=value…` over every parameter except `sign`, values as sent before URL encoding. */
export function signingString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== "sign")
    .sort(compareKeys)
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

/** MD5 (RFC 1321) over the GB2312 bytes of `signingString + secret`, lowercase hex. */
export function moviefanSign(params: Record<string, string>, secret: string): string {
  const bytes = iconv.encode(signingString(params) + secret, "gb2312");
  return createHash("md5").update(bytes).digest("hex");
}

export function verifySign(params: Record<string, string>, secret: string): boolean {
  const sent = params["sign"];
  if (!sent) return false;
  return sent.toLowerCase() === moviefanSign(params, secret);
}
