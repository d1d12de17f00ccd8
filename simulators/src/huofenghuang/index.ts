import Fastify, { type FastifyInstance } from "fastify";
import { demoAccounts } from "../core/accounts.js";
import type { SimContext } from "../core/context.js";
import type { Cinema } from "../core/dataset-types.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { HfhBook } from "./book.js";
import { catalogueCalls } from "./calls-catalogue.js";
import { HfhMembers, memberCalls } from "./calls-members.js";
import { tradeCalls } from "./calls-trade.js";
import { catalogSource } from "./catalog.js";
import { HfhCode, HfhError } from "./codes.js";
import { huofenghuangSimulator } from "./descriptor.js";
import { type HfhCall, type HfhEnv, Params } from "./env.js";
import { checkValueMatches } from "./signing.js";
import { dataFail, type HfhAnswer, type HfhCharset, innerXml, wrap } from "./wire.js";

/** The demo account: the registered one (env-overridable) when registered, else the descriptor's own. */
const account = () =>
  ((demoAccounts as Record<string, Readonly<Record<string, string>>>).huofenghuang ??
    huofenghuangSimulator.demoAccount) as { userId: string; userPass: string };

/** Simulator-only hooks (not part of the wire protocol), for tests and the control API. */
const charsets = new WeakMap<FastifyInstance, { charset: HfhCharset }>();

/** Answers the whole body in GB2312 (declared in Content-Type and the XML declaration). */
export function setHuofenghuangCharset(app: FastifyInstance, charset: HfhCharset): void {
  const h = charsets.get(app);
  if (!h) throw new Error("not a 火凤凰 simulator");
  h.charset = charset;
}

/** Name/value pairs in the order sent: the checkValue rule depends on it, so no object in between. */
function orderedPairs(rawUrl: string, body: unknown): Array<[string, string]> {
  const q = rawUrl.indexOf("?");
  const pairs: Array<[string, string]> = q >= 0 ? [...new URLSearchParams(rawUrl.slice(q + 1))] : [];
  if (typeof body === "string" && body !== "") pairs.push(...new URLSearchParams(body));
  return pairs;
}

/**
 * 火凤凰 direct asmx ("DI_DataSender_For_BOM", public-refs §5): `GET {service}.asmx/{method}?…` for
 * ticketing, form POST for member calls; auth pairs userId, userPass (plain), cinemaId (national
 * code), cinemaLinkId (internal code), randKey, checkValue = md5 of every pair before it. Answers
 * are the asmx string wrapper around `<data result=…>`. Any path prefix is accepted: the method is
 * the last path segment.
 */
export async function createHuofenghuangSimulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) =>
    done(null, body),
  );
  const book = new HfhBook(() => ctx.clock.now(), ctx.faults, ctx.dataset.seed);
  ctx.bookings = () => book.views();
  const env: HfhEnv = {
    catalog: catalogSource(() => ctx.dataset),
    now: () => ctx.clock.now(),
    faults: ctx.faults,
    book,
    members: new HfhMembers(
      () => ctx.dataset,
      () => ctx.clock.now(),
    ),
  };
  const hooks = { charset: "utf-8" as HfhCharset };
  charsets.set(app, hooks);
  const calls = new Map<string, HfhCall>([...catalogueCalls, ...tradeCalls, ...memberCalls].map((c) => [c.method, c]));

  app.route({
    method: ["GET", "POST"],
    url: "/*",
    handler: async (req, reply) => {
      const method = ((req.params as { "*": string })["*"] ?? "").split("/").filter(Boolean).at(-1) ?? "";
      const send = (a: HfhAnswer) => {
        const w = wrap(innerXml(a.root, a.body), hooks.charset);
        reply.type(w.contentType);
        return w.body;
      };
      const renderFault: RenderFault = (kind) => {
        if (kind === "down") {
          // What IIS answers when the application pool behind the asmx is stopped.
          return {
            status: 503,
            contentType: "text/html",
            body: '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"><HTML><HEAD><TITLE>Service Unavailable</TITLE></HEAD><BODY><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></BODY></HTML>',
          };
        }
        const a =
          kind === "rateLimited"
            ? dataFail(HfhCode.tooFrequent, "访问过于频繁，请稍后再试")
            : dataFail(HfhCode.systemBusy, "系统繁忙，请稍后再试");
        const w = wrap(innerXml(a.root, a.body), hooks.charset);
        return { status: 200, contentType: w.contentType, body: w.body };
      };
      const call = calls.get(method);
      return runWithFaults(ctx.faults, call?.method ?? method, reply, renderFault, () => {
        try {
          const pairs = orderedPairs(req.url, req.body);
          const p = new Params(pairs);
          authenticate(p);
          if (!call) throw new HfhError(HfhCode.unknownMethod, `方法${method}不存在`);
          return send(call.handle(p, env, cinemaOf(env, p, call)));
        } catch (e) {
          if (e instanceof HfhError) return send(dataFail(e.code, e.message));
          throw e;
        }
      });
    },
  });
  app.setErrorHandler((err: Error, _req, reply) => {
    // ASP.NET answers an unhandled exception with its HTML error page.
    reply.code(500).type("text/html; charset=utf-8");
    return `<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1><p>${err.name}</p></body></html>`;
  });
  return app;
}

/** userId and userPass must be the partner's, and checkValue must match the pairs before it. */
function authenticate(p: Params): void {
  const { userId, userPass } = account();
  if (!p.get("checkValue") || !p.get("randKey"))
    throw new HfhError(HfhCode.missingParam, "缺少参数randKey或checkValue");
  if (p.get("userId") !== userId || p.get("userPass") !== userPass) {
    throw new HfhError(HfhCode.badUser, "用户名或密码错误");
  }
  if (!checkValueMatches(p.pairs)) throw new HfhError(HfhCode.badCheckValue, "校验串checkValue错误");
}

/** The cinema the auth block names (cinemaId = national code, cinemaLinkId = internal code). */
function cinemaOf(env: HfhEnv, p: Params, call: HfhCall): Cinema | undefined {
  const id = p.get("cinemaId");
  const link = p.get("cinemaLinkId");
  if (call.cinema === "none" || (!id && !link && call.cinema === "optional")) return undefined;
  const cinema = env.catalog().cinema(id ?? "", link ?? "");
  if (!cinema) throw new HfhError(HfhCode.cinemaNotFound, "影院不存在或未开通");
  return cinema;
}
