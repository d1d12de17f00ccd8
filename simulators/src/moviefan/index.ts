import Fastify, { type FastifyInstance } from "fastify";
import { demoAccounts } from "../core/accounts.js";
import type { SimContext } from "../core/context.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { catalogCalls } from "./calls-catalog.js";
import { orderCalls } from "./calls-orders.js";
import { catalogSource } from "./catalog.js";
import { MoviefanCode, MoviefanError } from "./codes.js";
import type { MoviefanCall, MoviefanEnv } from "./env.js";
import { OrderBook } from "./orders.js";
import { collectParams, Params } from "./params.js";
import { verifySign } from "./signing.js";
import { toWireJson } from "./wire-format.js";

export { moviefanSign, signingString } from "./signing.js";

const JSON_TYPE = "application/json; charset=utf-8";

const renderFault: RenderFault = (kind) => {
  if (kind === "down") {
    // What IIS answers when the application pool is stopped.
    return {
      status: 503,
      contentType: "text/html; charset=us-ascii",
      body: "<html><body><h2>Service Unavailable</h2><hr><p>HTTP Error 503. The service is unavailable.</p></body></html>",
    };
  }
  const msg = kind === "rateLimited" ? "请求过于频繁，请稍后再试" : "系统错误";
  return { status: 200, contentType: JSON_TYPE, body: toWireJson({ code: MoviefanCode.systemError, msg }) };
};

/** Simulator-only hooks (not part of the wire protocol), for the control API and tests. */
const booksByApp = new WeakMap<FastifyInstance, OrderBook>();

/** Marks an issued order as returned (ReturnedOrderStatus 1 supplier / 2 Moviefan / 3 channel). */
export function markMoviefanOrderReturned(app: FastifyInstance, orderExternalID: string, by: 1 | 2 | 3 = 1): void {
  const book = booksByApp.get(app);
  if (!book) throw new Error("not a Moviefan simulator");
  book.markReturned(orderExternalID, by);
}

/**
 * 电影票友 Moviefan channel API (vendor doc 001): `/api/<call>.aspx`, GET or POST (form or JSON),
 * MD5/GB2312 signature, JSON answers with `code` / `msg`.
 */
export async function createMoviefanSimulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const orders = new OrderBook(() => ctx.clock.now(), ctx.faults, ctx.dataset.seed);
  booksByApp.set(app, orders);
  ctx.bookings = () => orders.views();
  const env: MoviefanEnv = {
    dataset: () => ctx.dataset,
    catalog: catalogSource(() => ctx.dataset),
    now: () => ctx.clock.now(),
    faults: ctx.faults,
    orders,
  };
  const calls = new Map<string, MoviefanCall>([...catalogCalls, ...orderCalls].map((c) => [c.name.toLowerCase(), c]));

  app.route({
    method: ["GET", "POST"],
    url: "/api/:file",
    handler: async (req, reply) => {
      const file = (req.params as { file: string }).file;
      // IIS paths are case-insensitive.
      const call = calls.get(file.toLowerCase().replace(/\.aspx$/, ""));
      if (!call || !/\.aspx$/i.test(file)) {
        reply.code(404).type("text/html; charset=us-ascii");
        return "<html><body><h2>404 - File or directory not found.</h2></body></html>";
      }
      reply.type(JSON_TYPE);
      return runWithFaults(ctx.faults, call.name, reply, renderFault, () => {
        try {
          const params = new Params(collectParams(req));
          authenticate(params);
          return toWireJson(call.handle(params, env));
        } catch (e) {
          if (e instanceof MoviefanError) return toWireJson({ code: e.code, msg: e.message });
          throw e;
        }
      });
    },
  });
  app.setErrorHandler((err: Error, _req, reply) => {
    reply.code(200).type(JSON_TYPE);
    return toWireJson({ code: MoviefanCode.systemError, msg: `系统错误:${err.message}` });
  });
  return app;
}

/** channelCode and sign are required on every call; the sign is checked against the channel's secret. */
function authenticate(p: Params): void {
  const channel = p.raw["channelCode"];
  const sign = p.raw["sign"];
  if (!channel || !sign) throw new MoviefanError(MoviefanCode.missingParam, "缺少参数:channelCode/sign");
  if (channel !== demoAccounts.moviefan.channelCode) throw new MoviefanError(MoviefanCode.badSign, "渠道不存在");
  if (!verifySign(p.raw, demoAccounts.moviefan.secret)) throw new MoviefanError(MoviefanCode.badSign);
}
