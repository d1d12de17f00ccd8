import type { Json } from "../orders/harness.js";

/**
 * A buyer's browser as far as the buyer API sees it: a cookie jar of one, redirects followed by
 * hand (so a test sees each hop of the WeChat OAuth), JSON in and out.
 */
export class BuyerBrowser {
  cookie = "";

  constructor(private readonly base: string) {}

  async raw(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(new URL(url, this.base), {
      ...init,
      redirect: "manual",
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(init.headers as Record<string, string>) },
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0]!;
    return res;
  }

  async json(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.raw(url, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } }
        : { headers }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json };
  }

  /**
   * Signs in through the simulated WeChat as `user`: the site's OAuth start, the consent page's
   * "allow", the callback with code and state. Returns each hop's URL for tests that replay them.
   */
  async signIn(slug: string, user: string, returnPath = `/h5/${slug}/`) {
    const start = await this.raw(`/h5/api/${slug}/oauth/start?return=${encodeURIComponent(returnPath)}`);
    const authorize = start.headers.get("location");
    if (start.status !== 302 || !authorize) throw new Error(`oauth start answered ${start.status}`);
    const consent = await fetch(authorize);
    const html = await consent.text();
    if (!html.includes('data-testid="wechat-sim-authorize"')) throw new Error("no consent button");
    const confirm = new URL(authorize.replace("#wechat_redirect", ""));
    confirm.pathname = "/connect/oauth2/authorize/confirm";
    confirm.searchParams.set("user", user);
    const allowed = await fetch(confirm, { redirect: "manual" });
    const callback = allowed.headers.get("location");
    if (allowed.status !== 302 || !callback) throw new Error(`consent answered ${allowed.status}`);
    const done = await this.raw(callback);
    return { authorize, callback, status: done.status, location: done.headers.get("location") };
  }
}
