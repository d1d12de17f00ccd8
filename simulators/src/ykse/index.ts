import { gunzipSync, gzipSync } from "node:zlib";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { demoAccounts } from "../core/accounts.js";
import type { SimContext } from "../core/context.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { ykseBookings } from "./bookings.js";
import { registerYkseControl } from "./control.js";
import { type Args, BizError, type BizResult, bizOutcome, envelope, type RetCode } from "./envelope.js";
import { HANDLERS } from "./handlers.js";
import { verifySign } from "./signing.js";
import { YkseState } from "./state.js";

/**
 * The ykse (凤凰佳影 / 粤科 电影云) partner API simulator, doc 002 v1.2.x. One endpoint,
 * `GET|POST /route?api=…&v=…&channelCode=…&timestamp=…&data={json}&sign=…`.
 */

/** Accepted clock skew for `timestamp`; the document gives none (30004 "time expired"). */
export const TIMESTAMP_WINDOW_MS = 10 * 60_000;

export { YkseState } from "./state.js";

/**
 * A gateway that serves the ykse protocol under other api and field names (凤凰云智's lark gateway,
 * simulators/src/yunzhi): the handlers keep partner names and shapes, the gateway renames on the wire.
 */
export interface YkseGateway {
  /** Whose cinemas of the data set it serves. */
  vendor: string;
  /** The credentials it accepts. */
  account: { channelCode: string; secret: string };
  /** Wire api name → partner api name; undefined for a name the gateway does not serve. */
  partnerApi(wireApi: string): string | undefined;
  /** The gateway's business parameters in the partner's field names. */
  request(partnerApi: string, args: Args): Args;
  /** A partner business result in the gateway's field names. */
  reply(partnerApi: string, result: BizResult): BizResult;
}

export async function createYkseSimulator(ctx: SimContext, gateway?: YkseGateway): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  const state = new YkseState(ctx, gateway?.vendor ?? "ykse");
  const account = gateway?.account ?? demoAccounts.ykse;
  app.decorate("ykseState", state);
  ctx.bookings = () => ykseBookings(state);
  registerYkseControl(app, state);

  // Bodies may be form-encoded or JSON, optionally gzip-compressed (§1.7).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (req: FastifyRequest, body: Buffer, done) => {
    try {
      const raw = req.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body;
      const text = raw.toString("utf8");
      if (String(req.headers["content-type"] ?? "").includes("json")) done(null, text ? JSON.parse(text) : {});
      else done(null, Object.fromEntries(new URLSearchParams(text)));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  // Responses are gzip-compressed when the caller accepts it (§1.7).
  app.addHook("onSend", async (req, reply, payload) => {
    const accepts = String(req.headers["accept-encoding"] ?? "").includes("gzip");
    if (!accepts || reply.getHeader("content-encoding")) return payload;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    reply.header("content-encoding", "gzip");
    reply.removeHeader("content-length");
    return gzipSync(payload);
  });

  const route = async (req: FastifyRequest, reply: import("fastify").FastifyReply) => {
    const params = collectParams(req);
    const api = params.api ?? "";
    const v = params.v ?? "1.0";
    reply.type("application/json; charset=utf-8");
    if (!api) return envelope("", v, "30005");
    const partnerApi = gateway ? gateway.partnerApi(api) : api;
    const handler = partnerApi === undefined ? undefined : HANDLERS[partnerApi];
    if (!handler) return envelope(api, v, "30001");
    const render: RenderFault = (kind) =>
      kind === "down"
        ? { status: 503, body: "Service Unavailable", contentType: "text/plain" }
        : { status: 200, body: envelope(api, v, kind === "rateLimited" ? "40003" : "10001") };
    return runWithFaults(ctx.faults, api, reply, render, () => {
      const sys = checkSystem(params, ctx, account);
      if (sys) return envelope(api, v, sys);
      let args: Args;
      try {
        const parsed = params.data === undefined || params.data === "" ? {} : JSON.parse(params.data);
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return envelope(api, v, "30006");
        args = gateway ? gateway.request(partnerApi as string, parsed as Args) : (parsed as Args);
      } catch {
        return envelope(api, v, "30006");
      }
      try {
        const result = handler({ state, args, channelCode: params.channelCode as string, api: partnerApi as string });
        return envelope(api, v, "0", gateway ? gateway.reply(partnerApi as string, result) : result);
      } catch (err) {
        if (err instanceof BizError) {
          const outcome = { ...bizOutcome(err.bizCode, err.data), bizMsg: err.message };
          return envelope(api, v, "0", gateway ? gateway.reply(partnerApi as string, outcome) : outcome);
        }
        req.log.error(err);
        return envelope(api, v, "10001");
      }
    });
  };
  app.get("/route", route);
  app.post("/route", route);
  return app;
}

/** Query string and body merged; every value a string (the signature is over strings). */
function collectParams(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (src: unknown) => {
    if (!src || typeof src !== "object") return;
    for (const [k, val] of Object.entries(src as Record<string, unknown>)) {
      const one = Array.isArray(val) ? val[0] : val;
      if (one === undefined || one === null) continue;
      out[k] = typeof one === "string" ? one : JSON.stringify(one);
    }
  };
  add(req.query);
  add(req.body);
  return out;
}

/** System checks of §9.1 in order: required params, channel, signature, timestamp. */
function checkSystem(
  params: Record<string, string>,
  ctx: SimContext,
  account: { channelCode: string; secret: string },
): RetCode | undefined {
  for (const name of ["v", "channelCode", "timestamp", "sign"]) if (!params[name]) return "30005";
  if (params.channelCode !== account.channelCode) return "30002";
  if (!verifySign(params, account.secret)) return "30003";
  const ts = Number(params.timestamp);
  if (!/^\d+$/.test(params.timestamp as string)) return "30004";
  // The caller may run on real time or on the simulated clock; either is accepted.
  const fresh = [Date.now(), ctx.clock.now()].some((t) => Math.abs(t - ts) <= TIMESTAMP_WINDOW_MS);
  return fresh ? undefined : "30004";
}
