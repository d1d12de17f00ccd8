import { createHash } from "node:crypto";

/**
 * pVerifyInfo (public-refs §8.1): lowercase hex MD5 over the UTF-8 string pAppCode's value + every
 * other parameter's value in send order + the key. Unlike 满天星 (§9.2), nothing is lower-cased,
 * URL-encoded or sliced. Worked examples in docs/vendors/m1905.md and the signing test.
 */
export function m1905VerifyInfo(appCode: string, values: readonly string[], key: string): string {
  return createHash("md5")
    .update(appCode + values.join("") + key, "utf8")
    .digest("hex");
}

/** The form as sent: pAppCode first, the method's parameters in order, pVerifyInfo last. */
export function signedForm(appCode: string, params: ReadonlyArray<readonly [string, string]>, key: string): string {
  const form = new URLSearchParams();
  form.append("pAppCode", appCode);
  for (const [name, value] of params) form.append(name, value);
  form.append(
    "pVerifyInfo",
    m1905VerifyInfo(
      appCode,
      params.map(([, v]) => v),
      key,
    ),
  );
  return form.toString();
}
