import { createHash } from "node:crypto";

/**
 * Request building and signing, doc 002 §1–2.
 *
 * Build: the public parameters (§1.2) `api`, `v`, `channelCode`, `timestamp` (epoch ms, Beijing
 * time) and `data` (the business parameters as one JSON string), plus any extra parameter such as
 * `pageNo`/`pageSize`. Sign: sort every parameter except `sign` by name (A→Z), concatenate
 * name+value for each, append the channel secret, lowercase hex MD5.
 *
 * §2.1 step 2 says "按照参数值相加" (values only), but the §2.2 worked example concatenates
 * name+value and only that reproduces its signature `1dac7e94adf6fe5a28621c0ddba27ea5`
 * (values-only gives `68dae860…`). The example wins; see docs/vendors/ykse.md.
 */
export const YKSE_VERSION = "1.0";

export interface YkseRequestParams {
  api: string;
  v: string;
  channelCode: string;
  timestamp: string;
  data: string;
  [extra: string]: string;
}

export function buildParams(opts: {
  api: string;
  channelCode: string;
  timestampMs: number;
  data?: Record<string, unknown>;
  extra?: Record<string, string>;
}): YkseRequestParams {
  return {
    ...(opts.extra ?? {}),
    api: opts.api,
    v: YKSE_VERSION,
    channelCode: opts.channelCode,
    timestamp: String(Math.trunc(opts.timestampMs)),
    data: JSON.stringify(opts.data ?? {}),
  };
}

/** The string that is hashed (without the secret): exposed for tests and support diagnostics. */
export function signingBase(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== "sign")
    .sort()
    .map((k) => k + params[k])
    .join("");
}

export function sign(params: Record<string, string>, secret: string): string {
  return createHash("md5")
    .update(signingBase(params) + secret, "utf8")
    .digest("hex");
}

/** Parameters with their signature, ready to be form-encoded. */
export function signedParams(params: YkseRequestParams, secret: string): Record<string, string> {
  return { ...params, sign: sign(params, secret) };
}
