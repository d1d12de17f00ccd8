import { createHash } from "node:crypto";

/**
 * 鼎新 `_sig` (public-refs §4.2; CEC, PHP-DX, NS, WAR4 and JC agree):
 * 1. every parameter that is sent, `pid` and `format` included, `_sig` excluded;
 * 2. names in ascending byte order;
 * 3. `name=value` joined with `&`, values raw (not URL-encoded: the space in a
 *    `play_update_time` stays a space);
 * 4. inner = md5(authCode + joined), 32 lowercase hex;
 * 5. `_sig` = md5(inner + authCode), 32 lowercase hex.
 * MD5 runs over UTF-8 bytes: the form is posted as UTF-8 (§4.1).
 */
export const SIG_PARAM = "_sig";

const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

/** Byte order of the names (plain `<` on ASCII names is byte order). */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The string that is hashed: `name=value&…` over every parameter but `_sig`, names sorted. */
export function signingString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== SIG_PARAM)
    .sort(byName)
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

/** The double MD5: md5(md5(authCode + signingString) + authCode). */
export function dingxinSig(params: Readonly<Record<string, string>>, authCode: string): string {
  return md5(md5(authCode + signingString(params)) + authCode);
}

/** The parameters with `pid` and `_sig` added, ready to post. */
export function signedParams(
  params: Readonly<Record<string, string>>,
  pid: string,
  authCode: string,
): Record<string, string> {
  const all = { ...params, pid };
  return { ...all, [SIG_PARAM]: dingxinSig(all, authCode) };
}
