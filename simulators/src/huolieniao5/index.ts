import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { SimContext } from "../core/context.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { renderXml, XML_TYPE } from "../m1905/xml.js";
import { NgcBook } from "./book.js";
import { buildCalls, type NgcCall, type NgcEnv } from "./calls.js";
import { buildCatalog } from "./catalog.js";
import { NgcCode, NgcError, ngcMessages } from "./codes.js";
import { huolieniao5Simulator } from "./descriptor.js";
import { verifySign } from "./sign.js";

const reply = (fields: Record<string, unknown>) => renderXml("reply", fields);

/**
 * Faults as this simulator renders them. The refs show no outage or rate-limit answer: "down" is a
 * web server's HTML error page (HTTP 503), "rateLimited" HTTP 429, "error" a well-formed reply with
 * 999 (unknown error) — the simulator's choice.
 */
const renderFault: RenderFault = (kind) => {
  if (kind === "down") {
    return {
      status: 503,
      contentType: "text/html; charset=utf-8",
      body: "<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1></body></html>",
    };
  }
  if (kind === "rateLimited") return { status: 429, contentType: "text/plain; charset=utf-8", body: "请求过于频繁" };
  return {
    status: 200,
    contentType: XML_TYPE,
    body: reply({ code: NgcCode.unknown, msg: ngcMessages[NgcCode.unknown] }),
  };
};

/**
 * 火烈鸟 v5.0 / CEC-style REST (public-refs §7): `POST {base}/{action}.xml`, a UTF-8 form with
 * channelCode and sign; the answer `<reply><code>001</code><msg>…</msg>…</reply>`. Order of checks,
 * as CEC's own API interceptor does (inferred): channel (900), sign (998), then the call's
 * parameters (997). Served at `/{action}.xml` and under `/api/ticket/v1/`.
 */
export async function createHuolieniao5Simulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const { channelCode, key } = huolieniao5Simulator.demoAccount;
  const book = new NgcBook(() => ctx.clock.now(), ctx.faults, ctx.dataset.seed);
  ctx.bookings = () => book.views();
  const env: NgcEnv = {
    dataset: ctx.dataset,
    catalog: buildCatalog(ctx.dataset),
    now: () => ctx.clock.now(),
    faults: ctx.faults,
    book,
  };
  const calls = new Map<string, NgcCall>(buildCalls().map((c) => [c.action, c]));

  const handler = async (req: { params: unknown; body: unknown }, res: FastifyReply) => {
    const { action } = req.params as { action: string };
    const call = calls.get(action.replace(/\.xml$/, ""));
    if (!call || !action.endsWith(".xml")) {
      res.code(404).type("text/html; charset=utf-8");
      return "<html><body><h1>404 Not Found</h1></body></html>";
    }
    res.type(XML_TYPE);
    return runWithFaults(ctx.faults, call.action, res, renderFault, () => {
      try {
        const form = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, string>;
        if (form.channelCode !== channelCode) throw new NgcError(NgcCode.channelNotFound);
        if (!verifySign(form, key)) throw new NgcError(NgcCode.badSign);
        const missing = call.required.find((p) => !form[p]?.trim());
        if (missing) throw new NgcError(NgcCode.badParam, `参数校验失败：缺少${missing}。`);
        return reply(call.handle(form, env));
      } catch (e) {
        if (e instanceof NgcError) return reply({ code: e.code, msg: e.message });
        throw e;
      }
    });
  };
  for (const prefix of ["", "/api/ticket/v1"]) app.post(`${prefix}/:action`, handler);
  app.setErrorHandler((err: Error, _req, res) => {
    res.code(200).type(XML_TYPE);
    return reply({ code: NgcCode.unknown, msg: `未知错误：${err.message}` });
  });
  return app;
}
