import Fastify, { type FastifyInstance } from "fastify";
import { demoAccounts } from "../core/accounts.js";
import type { SimContext } from "../core/context.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { DxBook } from "./book.js";
import { catalogCalls } from "./calls-catalog.js";
import { tradeCalls } from "./calls-trade.js";
import { catalogSource } from "./catalog.js";
import { DxCode, DxError } from "./codes.js";
import { dingxinSimulator } from "./descriptor.js";
import type { DxCall, DxEnv } from "./env.js";
import { Params } from "./env.js";
import { MemberBook, memberCalls } from "./members.js";
import { verifySig } from "./signing.js";
import { type DxCharset, type DxFormat, failure, maybeGzip, render, success } from "./wire.js";

export { dingxinSig, signingString } from "./signing.js";

/** The demo account: the registered one (env-overridable) when registered, else the descriptor's own. */
const account = () =>
  ((demoAccounts as Record<string, Readonly<Record<string, string>>>).dingxin ?? dingxinSimulator.demoAccount) as {
    pid: string;
    authCode: string;
  };

/** Simulator-only hooks (not part of the wire protocol), for tests and the control API. */
interface Hooks {
  env: DxEnv;
  charset: DxCharset;
}
const hooksByApp = new WeakMap<FastifyInstance, Hooks>();

const hooks = (app: FastifyInstance) => {
  const h = hooksByApp.get(app);
  if (!h) throw new Error("not a 鼎新 simulator");
  return h;
};

/** The cinema changes a play in its local system: its cineUpdateTime moves on (300505 for the old one). */
export function touchDingxinPlay(app: FastifyInstance, playId: number): void {
  const h = hooks(app);
  h.env.playUpdates.set(playId, Math.floor(h.env.now() / 1000) * 1000);
}

/** Answers in GBK instead of UTF-8 (declared in Content-Type and the XML declaration). */
export function setDingxinCharset(app: FastifyInstance, charset: DxCharset): void {
  hooks(app).charset = charset;
}

/**
 * 鼎新 (public-refs §4): `POST {base}/{action}` (GET with the same query string works too), form
 * parameters `pid`, call parameters, optional `format=json`, `_sig`. Answers XML `<root>` or JSON
 * `res`; `status` 1 success, 0 failure with errorCode / errorMessage. Ticketing and member-card
 * actions are served on one port (the real member host is `mapi.*`).
 */
export async function createDingxinSimulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const book = new DxBook(() => ctx.clock.now(), ctx.faults, ctx.dataset.seed);
  ctx.bookings = () => book.views();
  const env: DxEnv = {
    dataset: () => ctx.dataset,
    catalog: catalogSource(() => ctx.dataset),
    now: () => ctx.clock.now(),
    faults: ctx.faults,
    book,
    members: new MemberBook(),
    playUpdates: new Map(),
  };
  const h: Hooks = { env, charset: "utf-8" };
  hooksByApp.set(app, h);
  const calls = new Map<string, DxCall>([...catalogCalls, ...tradeCalls, ...memberCalls].map((c) => [c.action, c]));

  app.route({
    method: ["GET", "POST"],
    url: "/*",
    handler: async (req, reply) => {
      const action = ((req.params as { "*": string })["*"] ?? "").replace(/^\/+|\/+$/g, "");
      const raw: Record<string, string> = {};
      for (const src of [req.query, req.body]) {
        if (src && typeof src === "object") for (const [k, v] of Object.entries(src)) raw[k] = String(v);
      }
      const format: DxFormat = raw.format === "json" ? "json" : "xml";
      const send = (res: Parameters<typeof render>[2]) => {
        const r = render(format, h.charset, res);
        const z = maybeGzip(r.body, req.headers["accept-encoding"]);
        reply.type(r.contentType);
        if (z.gzip) reply.header("content-encoding", "gzip");
        return z.body;
      };
      const renderFault: RenderFault = (kind) => {
        if (kind === "down") {
          // What the vendor's nginx answers when the application behind it is down.
          return {
            status: 503,
            contentType: "text/html",
            body: "<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>",
          };
        }
        const r =
          kind === "rateLimited"
            ? failure(DxCode.tooFrequent, "请求过于频繁，请稍后再试")
            : failure(DxCode.systemBusy, "系统繁忙，请稍后再试");
        const rendered = render(format, h.charset, r);
        return { status: 200, contentType: rendered.contentType, body: rendered.body };
      };
      const call = calls.get(action);
      return runWithFaults(ctx.faults, call?.action ?? action, reply, renderFault, () => {
        try {
          const p = new Params(raw);
          authenticate(raw);
          if (!call) throw new DxError(DxCode.unknownAction, `接口不存在:${action}`);
          return send(success(call.handle(p, env)));
        } catch (e) {
          if (e instanceof DxError) return send(failure(e.code, e.message));
          throw e;
        }
      });
    },
  });
  app.setErrorHandler((err: Error, _req, reply) => {
    reply.code(200).type("text/xml; charset=utf-8");
    return render("xml", "utf-8", failure(DxCode.systemBusy, `系统错误:${err.message}`)).body;
  });
  return app;
}

/** pid must be the partner's and `_sig` must verify with its key. */
function authenticate(raw: Record<string, string>): void {
  const { pid, authCode } = account();
  if (!raw.pid || !raw._sig) throw new DxError(DxCode.missingParam, "缺少参数pid或_sig");
  if (raw.pid !== pid) throw new DxError(DxCode.unknownPartner, "合作商不存在");
  if (!verifySig(raw, authCode)) throw new DxError(DxCode.badSig, "签名错误，_sig校验失败");
}
