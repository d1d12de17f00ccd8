import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { escapeHtml, hiddenFields, simPage } from "./sim-page.js";
import type { WechatPayState } from "./state.js";

/** WeChat's own rule: a code works once and for 5 minutes (payments.md §3.1). */
const CODE_TTL_MS = 5 * 60_000;

interface IssuedCode {
  appId: string;
  openid: string;
  expiresAt: number;
  used: boolean;
}

/**
 * The 公众号 web OAuth of the simulated WeChat (payments.md §3.1): the authorize page (a consent
 * screen here, so a person in a desktop browser sees what happens, and can pick which simulated
 * WeChat user they are), the redirect back with a one-time code and the state, and
 * `sns/oauth2/access_token` trading the code for the openid. An AppID is known when an OAuth app
 * was registered for it (the demo's at start, others by POST /_control/oauth-apps).
 */
export class OAuthApps {
  private readonly secrets = new Map<string, string>();
  private readonly codes = new Map<string, IssuedCode>();

  register(appId: string, appSecret: string): void {
    this.secrets.set(appId, appSecret);
  }

  knows(appId: string): boolean {
    return this.secrets.has(appId);
  }

  secretMatches(appId: string, secret: string): boolean {
    return this.secrets.get(appId) === secret;
  }

  /** A user's openid under an AppID: stable, and different per AppID as WeChat's are. */
  static openidOf(appId: string, user: string): string {
    return `o${createHash("sha256").update(`${appId}\n${user}`).digest("base64url").slice(0, 27)}`;
  }

  issue(appId: string, user: string, now: number): string {
    const code = randomBytes(16).toString("hex");
    this.codes.set(code, { appId, openid: OAuthApps.openidOf(appId, user), expiresAt: now + CODE_TTL_MS, used: false });
    return code;
  }

  /** The code's openid once; a second use, an unknown or an expired code is WeChat's 40029. */
  take(appId: string, code: string, now: number): string | undefined {
    const c = this.codes.get(code);
    if (!c || c.used || c.appId !== appId || c.expiresAt <= now) return undefined;
    c.used = true;
    return c.openid;
  }
}

type Q = Record<string, string | undefined>;

export function registerOAuth(app: FastifyInstance, s: WechatPayState, apps: OAuthApps): void {
  const errorPage = (reply: FastifyReply, code: number, message: string) =>
    reply
      .code(400)
      .type("text/html; charset=utf-8")
      .send(simPage("授权失败", `<div class="card error">errcode ${code}: ${escapeHtml(message)}</div>`));

  // Checks of the authorize request; the consent and its confirmation both run them.
  const checkAuthorize = (q: Q): { code: number; message: string } | undefined => {
    if (!q.appid || !apps.knows(q.appid)) return { code: 40013, message: "invalid appid" };
    if (q.response_type !== "code") return { code: 40001, message: "response_type must be code" };
    if (q.scope !== "snsapi_base" && q.scope !== "snsapi_userinfo")
      return { code: 10005, message: "no scope permission" };
    if (!q.redirect_uri || !/^https?:\/\/[^\s#]+$/.test(q.redirect_uri))
      return { code: 10003, message: "redirect_uri invalid" };
    if (q.state !== undefined && !/^[A-Za-z0-9]{0,128}$/.test(q.state))
      return { code: 40001, message: "state invalid" };
    return undefined;
  };

  app.get("/connect/oauth2/authorize", async (req, reply) => {
    const q = req.query as Q;
    const bad = checkAuthorize(q);
    if (bad) return errorPage(reply, bad.code, bad.message);
    const pass = {
      appid: q.appid!,
      redirect_uri: q.redirect_uri!,
      response_type: "code",
      scope: q.scope!,
      state: q.state ?? "",
    };
    return reply.type("text/html; charset=utf-8").send(
      simPage(
        "微信授权",
        `<form class="card" method="get" action="/connect/oauth2/authorize/confirm">
<p>${escapeHtml(new URL(q.redirect_uri!).host)} 申请获取你的身份信息（openid）</p>
<p class="hint">snsapi_base 在真实微信中静默完成；这里显示出来以便在电脑浏览器中体验。</p>
${hiddenFields(pass)}
<label class="hint" for="user">模拟的微信用户 / simulated WeChat user</label>
<input id="user" name="user" value="demo-buyer" maxlength="40" pattern="[A-Za-z0-9_-]{1,40}" data-testid="wechat-sim-user">
<button type="submit" data-testid="wechat-sim-authorize">允许 / Allow</button>
</form>`,
      ),
    );
  });

  app.get("/connect/oauth2/authorize/confirm", async (req, reply) => {
    const q = req.query as Q;
    const bad = checkAuthorize(q);
    if (bad) return errorPage(reply, bad.code, bad.message);
    const user = q.user && /^[A-Za-z0-9_-]{1,40}$/.test(q.user) ? q.user : "demo-buyer";
    const code = apps.issue(q.appid!, user, s.now());
    const back = new URL(q.redirect_uri!);
    back.searchParams.set("code", code);
    back.searchParams.set("state", q.state ?? "");
    return reply.redirect(back.toString());
  });

  app.get("/sns/oauth2/access_token", async (req) => {
    const q = req.query as Q;
    if (q.grant_type !== "authorization_code") return { errcode: 40002, errmsg: "invalid grant_type" };
    if (!q.appid || !apps.knows(q.appid)) return { errcode: 40013, errmsg: "invalid appid" };
    if (!q.secret || !apps.secretMatches(q.appid, q.secret)) return { errcode: 40125, errmsg: "invalid appsecret" };
    const openid = q.code ? apps.take(q.appid, q.code, s.now()) : undefined;
    if (!openid) return { errcode: 40029, errmsg: "invalid code" };
    return {
      access_token: randomBytes(24).toString("base64url"),
      expires_in: 7200,
      refresh_token: randomBytes(24).toString("base64url"),
      openid,
      scope: "snsapi_base",
      is_snapshotuser: 0,
    };
  });
}
