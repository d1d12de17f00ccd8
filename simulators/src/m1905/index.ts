import Fastify, { type FastifyInstance } from "fastify";
import type { SimContext } from "../core/context.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { buildCalls, buildCatalog, Form, type M1905Call, type M1905Env } from "./calls.js";
import { M1905SimCode, M1905SimError, simMessages } from "./codes.js";
import { m1905Simulator } from "./descriptor.js";
import { OrderBook } from "./orders.js";
import { verifyInfo } from "./verify.js";
import { renderXml, XML_TYPE } from "./xml.js";

export { verifyInfo } from "./verify.js";

/**
 * Faults as this simulator renders them. The refs show no 1905 answer for an outage or a rate limit:
 * "down" is a web server's HTML error page (HTTP 503), "rateLimited" HTTP 429 with a short text, and
 * "error" a well-formed reply with the simulator's system-error code — all the simulator's choice.
 */
const renderFault =
  (root: string): RenderFault =>
  (kind) => {
    if (kind === "down") {
      return {
        status: 503,
        contentType: "text/html; charset=utf-8",
        body: "<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>",
      };
    }
    if (kind === "rateLimited") return { status: 429, contentType: "text/plain; charset=utf-8", body: "请求过于频繁" };
    return {
      status: 200,
      contentType: XML_TYPE,
      body: renderXml(root, { ResultCode: M1905SimCode.systemError, ResultMsg: simMessages[M1905SimCode.systemError] }),
    };
  };

/**
 * 1905 电影网 netsale, XML flavour (public-refs §8): `POST {base}/{Method}` with a UTF-8 form whose
 * first field is pAppCode and last pVerifyInfo; the reply is an XML document rooted at `{X}Result`
 * with `ResultCode` 0 on success. Served both at `/{Method}` and under `/Api/{Method}`, and with the
 * `/v2` suffix the refs show on some methods.
 */
export async function createM1905Simulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const { appCode, key } = m1905Simulator.demoAccount;
  const orders = new OrderBook(() => ctx.clock.now(), ctx.faults, ctx.dataset.seed);
  ctx.bookings = () => orders.views();
  const env: M1905Env = {
    dataset: ctx.dataset,
    catalog: buildCatalog(ctx.dataset),
    now: () => ctx.clock.now(),
    faults: ctx.faults,
    orders,
  };
  const calls = new Map<string, M1905Call>(buildCalls().map((c) => [c.name.toLowerCase(), c]));

  const handler = async (req: { params: unknown; body: unknown }, reply: import("fastify").FastifyReply) => {
    const { method, variant } = req.params as { method: string; variant?: string };
    const call = calls.get(method.toLowerCase());
    if (!call || (variant !== undefined && variant !== "v2")) {
      reply.code(404).type("text/html; charset=utf-8");
      return "<html><body><h1>404 Not Found</h1></body></html>";
    }
    reply.type(XML_TYPE);
    return runWithFaults(ctx.faults, call.name, reply, renderFault(call.root), () => {
      try {
        const raw = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, string>;
        const form = new Form(raw);
        const expected = verifyInfo(
          form.get("pAppCode"),
          call.params.map((p) => form.get(p)),
          key,
        );
        if (form.get("pAppCode") !== appCode || form.get("pVerifyInfo") !== expected) {
          throw new M1905SimError(M1905SimCode.verifyFailed);
        }
        return renderXml(call.root, call.handle(form, env));
      } catch (e) {
        if (e instanceof M1905SimError) return renderXml(call.root, { ResultCode: e.code, ResultMsg: e.message });
        throw e;
      }
    });
  };
  for (const prefix of ["", "/Api"]) {
    app.post(`${prefix}/:method`, handler);
    app.post(`${prefix}/:method/:variant`, handler);
  }
  app.setErrorHandler((err: Error, _req, reply) => {
    reply.code(200).type(XML_TYPE);
    return renderXml("ErrorResult", { ResultCode: M1905SimCode.systemError, ResultMsg: `系统错误:${err.message}` });
  });
  return app;
}
