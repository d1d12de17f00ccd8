import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { SimContext } from "../core/context.js";
import type { Dataset } from "../core/dataset-types.js";
import { type RenderFault, runWithFaults } from "../core/fault-http.js";
import { authenticate, formatOf, RequestIdRegistry } from "./auth.js";
import { type CallResult, calls, type LingdongEnv } from "./calls.js";
import { LingdongCode, LingdongError } from "./codes.js";
import { buildGeography, type Geography } from "./geography.js";
import { buildPricing, type CinemaPricing } from "./pricing.js";
import { type LingdongFormat, type Rendered, renderError, renderSuccess } from "./respond.js";
import { type SmsRecord, type Voucher, VoucherBook } from "./vouchers.js";

export { lingdongHashcode } from "./hashcode.js";

/** Simulator-only hooks (not part of the wire protocol), for the control API and tests. */
const booksByApp = new WeakMap<FastifyInstance, VoucherBook>();

function bookOf(app: FastifyInstance): VoucherBook {
  const book = booksByApp.get(app);
  if (!book) throw new Error("not a Lingdong simulator");
  return book;
}

/** A buyer exchanges `count` tickets of an activated card at a cinema counter; all used → status 2. */
export function redeemLingdongVoucher(app: FastifyInstance, cardNo: string, count = 1): Voucher {
  return bookOf(app).redeem(cardNo, count);
}

/** The SMS the simulator "sent" on activation. */
export function lingdongSmsLog(app: FastifyInstance): readonly SmsRecord[] {
  return bookOf(app).sms;
}

/** Rebuilds derived views when the data set is replaced or grows. */
function derived<T>(getDataset: () => Dataset, build: (d: Dataset) => T): () => T {
  let cache: { key: unknown[]; value: T } | undefined;
  return () => {
    const d = getDataset();
    const key = [d, d.cinemas, d.cinemas.length, d.showtimes, d.showtimes.length, d.cities.length];
    if (!cache || cache.key.some((k, i) => k !== key[i])) cache = { key, value: build(d) };
    return cache.value;
  };
}

function send(reply: FastifyReply, r: Rendered, status = 200): string {
  reply.code(status).type(r.contentType);
  return r.body;
}

/**
 * 灵动创展 electronic exchange vouchers (vendor doc 004): `POST /movTicket/<call>` with a form body,
 * common parameters partner_id … hashcode, answers in XML (default) or JSON (`format=json`), result
 * codes after HTTP status codes carried in the body.
 */
export async function createLingdongSimulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false, routerOptions: { ignoreTrailingSlash: true } });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const vouchers = new VoucherBook(() => ctx.clock.now(), ctx.dataset.seed);
  booksByApp.set(app, vouchers);
  const registry = new RequestIdRegistry();
  const env: LingdongEnv = {
    geography: derived<Geography>(() => ctx.dataset, buildGeography),
    pricing: derived<Map<string, CinemaPricing>>(() => ctx.dataset, buildPricing),
    vouchers,
    now: () => ctx.clock.now(),
  };

  app.all("/movTicket/:call", async (req, reply) => {
    const name = (req.params as { call: string }).call;
    const isForm = /^application\/x-www-form-urlencoded/i.test(req.headers["content-type"] ?? "");
    const params: Record<string, string> = isForm && req.body && typeof req.body === "object" ? { ...req.body } : {};
    const { format, valid } = formatOf(params);
    const error = (code: number, message: string, type: string) =>
      send(reply, renderError(format, code, message, type));

    if (req.method !== "POST") return error(LingdongCode.methodNotAllowed, "只支持POST请求", "method_not_allowed");
    const call = Object.hasOwn(calls, name) ? calls[name] : undefined;
    if (!call) return error(LingdongCode.notFound, `找不到请求的接口:movTicket/${name}`, "not_found");

    const renderFault: RenderFault = (kind) => {
      const r =
        kind === "error"
          ? renderError(format, LingdongCode.serverError, "服务器内部处理错误", "server_error")
          : renderError(
              format,
              LingdongCode.unavailable,
              "服务器端暂时无法处理请求",
              kind === "down" ? "maintenance" : "overload",
            );
      return { status: kind === "down" ? 503 : 200, body: r.body, contentType: r.contentType };
    };
    return runWithFaults(ctx.faults, name, reply, renderFault, () => {
      try {
        if (!isForm) throw new LingdongError(LingdongCode.badRequest, "参数须以表单方式POST", "invalid_param");
        if (!valid) throw new LingdongError(LingdongCode.badRequest, "format只能为xml或json", "invalid_param");
        const common = authenticate(params, registry);
        const result: CallResult = call(params, env, common.partner_id);
        return send(reply, renderSuccess(format, result.code, result.data));
      } catch (e) {
        if (e instanceof LingdongError) return error(e.code, e.message, e.type);
        throw e;
      }
    });
  });

  app.setErrorHandler((err: Error, _req, reply) => send(reply, renderError("xml", 500, err.message, "server_error")));
  app.setNotFoundHandler((_req, reply) =>
    send(reply, renderError("xml" satisfies LingdongFormat, LingdongCode.notFound, "找不到请求的接口", "not_found")),
  );
  return app;
}
