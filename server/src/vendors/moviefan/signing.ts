import { createHash } from "node:crypto";
import iconv from "iconv-lite";

/**
 * Signature of doc 001 "签名生成规则":
 * 1. every parameter except `sign`;
 * 2. keys "按key首字母进行排序，小写在前大写在后，a-z的顺序排列", joined as `key=value&key=value…`;
 * 3. the channel secret appended directly;
 * 4. MD5 (RFC 1321) over the GB2312 bytes, lowercase hex;
 * 6. values as they are before URL encoding.
 *
 * Key order (rule 2) is read as the .NET culture ordering the vendor's .aspx stack uses: letters
 * compare a–z ignoring case, and where two keys differ only in case the lowercase one comes first
 * (`alpha < Alpha < beta < Zeta`). Plain ASCII order would put every uppercase letter before `a`,
 * which contradicts "小写在前". See docs/vendors/moviefan.md §Signature.
 */
export function compareKeys(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  for (let i = 0; i < a.length; i++) {
    const ca = a[i]!;
    const cb = b[i]!;
    if (ca !== cb) return ca === ca.toLowerCase() ? -1 : 1;
  }
  return 0;
}

/** `key=value&…` over every parameter but `sign`, in the documented key order, values unencoded. */
export function signingString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== "sign")
    .sort(compareKeys)
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

/** Lowercase hex MD5 of the GB2312 bytes of `signingString + secret`. */
export function moviefanSign(params: Readonly<Record<string, string>>, secret: string): string {
  const bytes = iconv.encode(signingString(params) + secret, "gb2312");
  return createHash("md5").update(bytes).digest("hex");
}

/** The parameters with `channelCode` and `sign` added, ready to send. */
export function signedParams(
  params: Readonly<Record<string, string>>,
  channelCode: string,
  secret: string,
): Record<string, string> {
  const all = { ...params, channelCode };
  return { ...all, sign: moviefanSign(all, secret) };
}
