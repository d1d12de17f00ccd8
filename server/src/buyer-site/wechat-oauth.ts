import type { CinemaSettings } from "../cinemas/settings.js";
import { openWechat, storedOf } from "../payments/config.js";
import type { SecretBox } from "../security/secret-box.js";

/**
 * Where WeChat's 公众号 web OAuth lives (vendor-docs payments.md §3.1): the authorize page the
 * browser is sent to, and the API the server exchanges a code at. Configurable, because the demo
 * and the tests use the simulated WeChat; with none configured, buyers cannot sign in.
 */
export interface WechatOAuthEndpoints {
  authorizeBaseUrl: string;
  apiBaseUrl: string;
}

export type OAuthApp = { ok: true; appId: string; appSecret: string } | { ok: false; reason: string };

/** The cinema's 公众号 AppID and AppSecret, from its payment configuration (one merchant, one AppID). */
export async function oauthAppOf(settings: CinemaSettings, box: SecretBox, cinemaId: string): Promise<OAuthApp> {
  const record = await settings.get(cinemaId);
  let opened: ReturnType<typeof openWechat>;
  try {
    opened = openWechat(storedOf(record.document), box);
  } catch {
    return { ok: false, reason: "the cinema's WeChat secrets cannot be opened" };
  }
  if (!opened?.appId || !opened.appSecret) return { ok: false, reason: "the cinema has no 公众号 AppID/AppSecret" };
  return { ok: true, appId: opened.appId, appSecret: opened.appSecret };
}

/** The authorize URL for snsapi_base (silent: only the openid). `#wechat_redirect` is required. */
export function authorizeUrl(ep: WechatOAuthEndpoints, appId: string, redirectUri: string, state: string): string {
  const q = new URLSearchParams({
    appid: appId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "snsapi_base",
    state,
  });
  return `${ep.authorizeBaseUrl.replace(/\/+$/, "")}/connect/oauth2/authorize?${q}#wechat_redirect`;
}

export type CodeExchange = { ok: true; openid: string } | { ok: false; errcode: number | null; message: string };

/**
 * Trades the one-time `code` for the buyer's openid (`sns/oauth2/access_token`). The URL carries
 * the AppSecret, so it is never logged; only the error code and message come back. A 朋友圈
 * snapshot-page virtual user (`is_snapshotuser` 1) cannot pay and is refused.
 */
export async function exchangeCode(
  ep: WechatOAuthEndpoints,
  app: { appId: string; appSecret: string },
  code: string,
  timeoutMs = 5000,
): Promise<CodeExchange> {
  const q = new URLSearchParams({
    appid: app.appId,
    secret: app.appSecret,
    code,
    grant_type: "authorization_code",
  });
  let body: { openid?: unknown; errcode?: unknown; errmsg?: unknown; is_snapshotuser?: unknown };
  try {
    const res = await fetch(`${ep.apiBaseUrl.replace(/\/+$/, "")}/sns/oauth2/access_token?${q}`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = (await res.json()) as typeof body;
  } catch (err) {
    return { ok: false, errcode: null, message: `WeChat did not answer: ${(err as Error).name}` };
  }
  if (typeof body.errcode === "number" && body.errcode !== 0) {
    return { ok: false, errcode: body.errcode, message: String(body.errmsg ?? "") };
  }
  if (body.is_snapshotuser === 1) return { ok: false, errcode: null, message: "snapshot-page virtual user" };
  if (typeof body.openid !== "string" || !/^[A-Za-z0-9_-]{6,64}$/.test(body.openid)) {
    return { ok: false, errcode: null, message: "WeChat's answer has no openid" };
  }
  return { ok: true, openid: body.openid };
}
