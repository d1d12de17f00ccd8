import { createHash } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { contentTypeOf, renderFault, SoapFault } from "../chenxing/soap.js";
import type { SimContext } from "../core/context.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { OrderBook } from "./book.js";
import { type HlnEnv, handlers } from "./calls.js";
import { Code, OtsError } from "./codes.js";
import { huolieniaoSimulator } from "./descriptor.js";
import { parseQuery, renderReply, TICKET_PATH } from "./ots.js";

/** What the servlet container answers when the application is stopped. */
const DOWN_PAGE =
  "<!doctype html><html><head><title>503 Service Unavailable</title></head>" +
  "<body><h1>503 Service Unavailable</h1><p>scts.service is not available.</p></body></html>";

/**
 * 火烈鸟 v1.5 as public code shows it (public-refs §6): the 2013 national-standard SOAP 1.2
 * service with 火烈鸟's operation names. Every query carries Username and md5(Password); the
 * ds:Signature is not checked (the one public client signs with a throw-away key: inferred).
 */
export async function createHuolieniaoSimulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  for (const type of ["application/soap+xml", "text/xml", "application/xml"]) {
    app.addContentTypeParser(type, { parseAs: "string" }, (_req, body, done) => done(null, body));
  }
  const book = new OrderBook(() => ctx.clock.now(), ctx.faults, ctx.dataset.seed);
  ctx.bookings = () => book.views();
  const env: HlnEnv = { dataset: () => ctx.dataset, now: () => ctx.clock.now(), faults: ctx.faults, book };
  const { username, password } = huolieniaoSimulator.demoAccount;
  const passwordMd5 = createHash("md5").update(password, "utf8").digest("hex");

  app.post(TICKET_PATH, async (req, reply) => {
    reply.type(contentTypeOf("1.2"));
    let query: ReturnType<typeof parseQuery>;
    try {
      query = parseQuery(String(req.body ?? ""));
    } catch (e) {
      if (!(e instanceof SoapFault)) throw e;
      reply.code(500);
      return renderFault("1.2", e);
    }
    const { op, el } = query;
    const render: RenderFault = (kind) => {
      if (kind === "down") return { status: 503, contentType: "text/html;charset=utf-8", body: DOWN_PAGE };
      const message = kind === "rateLimited" ? "访问过于频繁，请稍后再试" : "系统繁忙，请稍后重试";
      return { status: 200, body: renderReply(op, ctx.clock.now(), { code: Code.busy, message }, {}) };
    };
    return runWithFaults(ctx.faults, op, reply, render, () => {
      try {
        if (query.username !== username || query.password.toLowerCase() !== passwordMd5)
          throw new OtsError(Code.auth, "用户名或密码错误");
        const handle = handlers[op];
        if (!handle) throw new OtsError(Code.badParam, `不支持的接口: ${op}`);
        return renderReply(op, ctx.clock.now(), null, handle(el, env));
      } catch (e) {
        if (!(e instanceof OtsError)) throw e;
        return renderReply(op, ctx.clock.now(), { code: e.code, message: e.message }, {});
      }
    });
  });

  app.setErrorHandler((err: Error, _req, reply) => {
    reply.code(500).type(contentTypeOf("1.2"));
    return renderFault("1.2", new SoapFault("Server", err.message));
  });
  return app;
}
