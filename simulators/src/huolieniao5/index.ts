import { createHmac, timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import type { SimContext } from "../core/context.js";
import { huolieniao5Simulator } from "./descriptor.js";

/**
 * The huolieniao5 vendor's documented wire protocol, over HTTP, for the connector to talk to. TODO: the
 * document's calls over `ctx.dataset`, its codes, and the fault layer (see the other simulators).
 * The scaffold answers `ping` and refuses a bad signature with the auth code; every other call is
 * unknown until written.
 */
export async function createHuolieniao5Simulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  const { account, secret } = huolieniao5Simulator.demoAccount;
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => done(null, body));

  app.post<{ Params: { call: string } }>("/api/:call", async (req) => {
    const raw = String(req.body ?? "");
    const expected = createHmac("sha256", secret).update(raw).digest("hex");
    const given = String(req.headers["x-signature"] ?? "");
    const signed = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    let body: { account?: string };
    try {
      body = JSON.parse(raw) as { account?: string };
    } catch {
      return { code: "500", message: "请求格式错误" };
    }
    if (!signed || body.account !== account) return { code: "401", message: "签名错误" };
    if (req.params.call === "ping") return { code: "0", message: "成功", data: {} };
    return { code: "500", message: `未知接口 ${req.params.call}` };
  });
  return app;
}
