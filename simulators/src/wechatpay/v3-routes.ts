import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { runWithFaults } from "../core/fault-http.js";
import { encryptResource, parseAuthorization, requestMessage, verify } from "./crypto.js";
import type { Merchant } from "./merchants.js";
import type { NotifySpec } from "./notifier.js";
import type { WechatPayState } from "./state.js";
import type { Refund, Trade } from "./trades.js";
import { MAX_REFUNDS_PER_TRADE } from "./trades.js";
import { queueRefundNotifyV2 } from "./v2-routes.js";
import { chinaRfc3339, jsapiProblem, type ParamProblem, refundProblem } from "./v3-rules.js";

/** Who signed a request, kept for the response-signing hook. */
const signedBy = new WeakMap<FastifyRequest, { merchant?: Merchant; requested?: string; internal: number }>();

class WxError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly internal = 0,
    readonly detail?: ParamProblem,
  ) {}
}

const paramError = (p: ParamProblem) => new WxError(400, "PARAM_ERROR", p.issue, p.internal ?? 268435461, p);

/**
 * The API v3 front door (payments.md §1.1): every request's Authorization is verified (§1.11.2) and
 * every answer, errors included, is signed (§1.11.5) in the onSend hook.
 */
export function registerV3(app: FastifyInstance, s: WechatPayState): void {
  app.addHook("onSend", async (req, reply, payload) => {
    if (!req.url.startsWith("/v3/")) return payload;
    const info = signedBy.get(req);
    const body = typeof payload === "string" ? payload : payload == null ? "" : String(payload);
    const headers = s.signatureHeaders(body, info?.merchant, info?.requested, "responses");
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    reply.header("request-id", `${randomBytes(20).toString("hex").toUpperCase()}-${info?.internal ?? 0}`);
    return payload;
  });

  const render = (kind: "error" | "down" | "rateLimited") =>
    kind === "rateLimited"
      ? { status: 429, body: { code: "FREQUENCY_LIMITED", message: "频率超限" } }
      : { status: kind === "down" ? 503 : 500, body: { code: "SYSTEM_ERROR", message: "系统错误" } };

  /** Authenticates, applies faults, runs the handler and renders WeChat's error body. */
  const handle =
    (call: string, fn: (req: FastifyRequest, m: Merchant, body: unknown) => unknown) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      for (const r of s.book.settleRefunds(s.now())) {
        queueRefundNotify(s, r);
        queueRefundNotifyV2(s, r);
      }
      try {
        const merchant = authenticate(s, req);
        signedBy.set(req, { merchant, requested: header(req, "wechatpay-serial"), internal: 0 });
        const body = rawBody(req) === "" ? undefined : parseJson(rawBody(req));
        const result = await runWithFaults(s.ctx.faults, call, reply, render, () => fn(req, merchant, body));
        if (result === NO_CONTENT) return reply.code(204).send();
        return result;
      } catch (err) {
        if (!(err instanceof WxError)) throw err;
        const info = signedBy.get(req) ?? { internal: 0 };
        info.internal = err.internal;
        signedBy.set(req, info);
        reply.code(err.status);
        return {
          code: err.code,
          message: err.message,
          ...(err.detail ? { detail: { field: err.detail.field, issue: err.detail.issue, location: "body" } } : {}),
        };
      }
    };

  app.post(
    "/v3/pay/transactions/jsapi",
    handle("jsapi", (_req, m, b) => {
      const problem = jsapiProblem(b);
      if (problem) throw paramError(problem);
      const body = b as {
        appid: string;
        mchid: string;
        description: string;
        out_trade_no: string;
        time_expire?: string;
        attach?: string;
        notify_url: string;
        amount: { total: number };
        payer: { openid: string };
      };
      if (body.mchid !== m.mchId) throw new WxError(400, "PARAM_ERROR", "mchid与请求头中的商户号不一致");
      if (!m.appIds.has(body.appid)) throw new WxError(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配", 268445527);
      const fingerprint = JSON.stringify([
        body.appid,
        body.description,
        body.amount.total,
        body.payer.openid,
        body.time_expire ?? "",
        body.attach ?? "",
        body.notify_url,
      ]);
      const existing = s.book.trade(m.mchId, body.out_trade_no);
      if (existing) {
        if (existing.state === "SUCCESS" || existing.state === "REFUND")
          throw new WxError(400, "ORDERPAID", "订单已支付", 268498689);
        if (existing.state === "CLOSED") throw new WxError(400, "ORDER_CLOSED", "订单已关闭");
        if (existing.fingerprint !== fingerprint) {
          throw new WxError(400, "INVALID_REQUEST", "请求重入时，参数与首次请求时不一致", 268498688);
        }
        return { prepay_id: s.book.renewPrepay(existing) };
      }
      const now = s.now();
      // §1.9: under 1 minute is raised to 1 minute, over 90 days capped; none means 7 days.
      const asked = body.time_expire ? Date.parse(body.time_expire) : now + 7 * 86_400_000;
      const timeExpire = Math.min(Math.max(asked, now + 60_000), now + 90 * 86_400_000);
      const t = s.book.addTrade({
        mchId: m.mchId,
        appId: body.appid,
        outTradeNo: body.out_trade_no,
        description: body.description,
        totalFen: body.amount.total,
        openid: body.payer.openid,
        notifyUrl: body.notify_url,
        ...(body.attach ? { attach: body.attach } : {}),
        timeExpire,
        createdAt: now,
        fingerprint,
        api: "v3",
      });
      return { prepay_id: t.prepayId };
    }),
  );

  app.get(
    "/v3/pay/transactions/out-trade-no/:no",
    handle("query", (req, m) => {
      const { no } = req.params as { no: string };
      checkQueryMchid(req, m);
      const t = s.book.trade(m.mchId, no);
      if (!t) throw new WxError(404, "ORDER_NOT_EXIST", "订单不存在", 268512771);
      return transactionJson(t);
    }),
  );

  app.get(
    "/v3/pay/transactions/id/:id",
    handle("query", (req, m) => {
      const { id } = req.params as { id: string };
      checkQueryMchid(req, m);
      const t = s.book.tradeByTransaction(m.mchId, id);
      if (!t) throw new WxError(404, "ORDER_NOT_EXIST", "订单不存在", 268512771);
      return transactionJson(t);
    }),
  );

  app.post(
    "/v3/pay/transactions/out-trade-no/:no/close",
    handle("close", (req, m, b) => {
      const { no } = req.params as { no: string };
      if ((b as { mchid?: unknown } | undefined)?.mchid !== m.mchId) {
        throw new WxError(400, "PARAM_ERROR", "mchid与请求头中的商户号不一致");
      }
      const t = s.book.trade(m.mchId, no);
      if (!t) throw new WxError(404, "ORDER_NOT_EXIST", "订单不存在", 268512771);
      // §1.9: paid orders cannot be closed; closing a closed one is harmless.
      if (t.state === "SUCCESS" || t.state === "REFUND") throw new WxError(400, "ORDERPAID", "订单已支付", 268449538);
      t.state = "CLOSED";
      return NO_CONTENT;
    }),
  );

  app.post(
    "/v3/refund/domestic/refunds",
    handle("refund", (_req, m, b) => {
      const problem = refundProblem(b);
      if (problem) throw paramError(problem);
      const body = b as {
        out_trade_no?: string;
        transaction_id?: string;
        out_refund_no: string;
        reason?: string;
        notify_url?: string;
        amount: { refund: number; total: number };
      };
      const t = body.transaction_id
        ? s.book.tradeByTransaction(m.mchId, body.transaction_id)
        : s.book.trade(m.mchId, body.out_trade_no ?? "");
      if (!t || t.state === "NOTPAY" || t.state === "CLOSED") {
        throw new WxError(404, "RESOURCE_NOT_EXISTS", "订单不存在或未支付");
      }
      const fingerprint = JSON.stringify([t.outTradeNo, body.amount.refund, body.amount.total]);
      const existing = s.book.refund(m.mchId, body.out_refund_no);
      if (existing) {
        // §1.9: a retry reuses out_refund_no and gets the same refund back.
        if (existing.fingerprint !== fingerprint)
          throw new WxError(400, "INVALID_REQUEST", "退款单号重复，且参数与首次请求不一致");
        return refundJson(existing);
      }
      if (body.amount.total !== t.totalFen) throw new WxError(400, "INVALID_REQUEST", "订单金额与原订单不一致");
      if (t.refundedFen + body.amount.refund > t.totalFen)
        throw new WxError(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额");
      if (s.book.refundsOf(t).length >= MAX_REFUNDS_PER_TRADE)
        throw new WxError(403, "RULE_LIMIT", "部分退款次数超过50次");
      if (s.now() - (t.successTime ?? 0) > 365 * 86_400_000)
        throw new WxError(400, "INVALID_REQUEST", "订单已超过退款期限");
      const refusal = s.paymentFaults.refundRefusal;
      if (refusal) throw new WxError(403, refusal, refusal === "NOT_ENOUGH" ? "基本账户余额不足" : "退款请求被拒绝");
      if (m.balanceFen < body.amount.refund) throw new WxError(403, "NOT_ENOUGH", "基本账户余额不足");
      m.balanceFen -= body.amount.refund;
      const now = s.now();
      const r = s.book.addRefund(t, {
        outRefundNo: body.out_refund_no,
        refundFen: body.amount.refund,
        totalFen: body.amount.total,
        ...(body.reason ? { reason: body.reason } : {}),
        ...(body.notify_url ? { notifyUrl: body.notify_url } : {}),
        createdAt: now,
        settlesAt: now + s.paymentFaults.refundSettleMs,
        fingerprint,
        api: "v3",
      });
      return refundJson(r);
    }),
  );

  app.get(
    "/v3/refund/domestic/refunds/:no",
    handle("refund.query", (req, m) => {
      const { no } = req.params as { no: string };
      const r = s.book.refund(m.mchId, no);
      if (!r) throw new WxError(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
      return refundJson(r);
    }),
  );

  // §1.1: platform certificates, encrypted with the caller's APIv3 key (certificate mode only).
  app.get(
    "/v3/certificates",
    handle("certificates", (_req, m) => ({
      data: [
        {
          serial_no: s.platform.certificateSerial,
          effective_time: chinaRfc3339(s.now() - 86_400_000),
          expire_time: chinaRfc3339(s.now() + 5 * 365 * 86_400_000),
          encrypt_certificate: encryptResource(m.apiV3Key, s.platform.certificatePem, "certificate"),
        },
      ],
    })),
  );
}

/** §1.11.2: Authorization by name, serial known, ±300 s, 5-line string over the raw URL and body. */
function authenticate(s: WechatPayState, req: FastifyRequest): Merchant {
  const auth = parseAuthorization(header(req, "authorization"));
  if (!auth?.mchid || !auth.serial_no || !auth.timestamp || !auth.nonce_str || !auth.signature) {
    throw new WxError(401, "SIGN_ERROR", "Authorization 缺失或格式错误", 268443699);
  }
  const m = s.merchants.get(auth.mchid);
  if (!m) throw new WxError(400, "MCH_NOT_EXISTS", "商户号不存在");
  signedBy.set(req, { merchant: m, requested: header(req, "wechatpay-serial"), internal: 0 });
  const key = m.certificates.get(auth.serial_no.toUpperCase());
  if (!key) throw new WxError(401, "SIGN_ERROR", "商户证书序列号有误", 268443699);
  const ts = Number(auth.timestamp);
  if (!Number.isSafeInteger(ts) || Math.abs(s.now() / 1000 - ts) > 300) {
    throw new WxError(401, "SIGN_ERROR", "请求时间戳与当前时间相差超过5分钟（请检查服务器时间）", 268443699);
  }
  const message = requestMessage(req.method, req.url, auth.timestamp, auth.nonce_str, rawBody(req));
  if (!verify(key, message, auth.signature)) throw new WxError(401, "SIGN_ERROR", "签名错误", 268443699);
  return m;
}

function checkQueryMchid(req: FastifyRequest, m: Merchant): void {
  const { mchid } = req.query as { mchid?: string };
  if (mchid !== m.mchId) throw new WxError(400, "PARAM_ERROR", "mchid与请求头中的商户号不一致");
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
};

export const rawBody = (req: FastifyRequest): string => (typeof req.body === "string" ? req.body : "");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WxError(400, "PARAM_ERROR", "请求体不是合法的 JSON");
  }
}

/** Marker the close handler returns; the route answers 204 with no body. */
export const NO_CONTENT = Symbol("no-content");

/** The Transaction object (§1.8): a NOTPAY trade has no transaction_id and no payer. */
export function transactionJson(t: Trade) {
  const paid = t.state === "SUCCESS" || t.state === "REFUND";
  const desc: Record<Trade["state"], string> = {
    NOTPAY: "订单未支付",
    SUCCESS: "支付成功",
    CLOSED: "订单已关闭",
    REFUND: "订单发生过退款，退款详情请查询退款单",
  };
  return {
    appid: t.appId,
    mchid: t.mchId,
    out_trade_no: t.outTradeNo,
    ...(paid
      ? {
          transaction_id: t.transactionId,
          trade_type: "JSAPI",
          bank_type: "OTHERS",
          success_time: chinaRfc3339(t.successTime ?? 0),
          payer: { openid: t.openid },
          ...(t.attach ? { attach: t.attach } : {}),
        }
      : {}),
    trade_state: t.state,
    trade_state_desc: desc[t.state],
    amount: { total: t.totalFen, ...(paid ? { payer_total: t.totalFen } : {}), currency: "CNY", payer_currency: "CNY" },
    promotion_detail: [],
    scene_info: { device_id: "" },
  };
}

export function refundJson(r: Refund) {
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    channel: "ORIGINAL",
    user_received_account: "支付用户零钱",
    ...(r.successTime !== undefined ? { success_time: chinaRfc3339(r.successTime) } : {}),
    create_time: chinaRfc3339(r.createdAt),
    status: r.status,
    funds_account: "AVAILABLE",
    amount: {
      total: r.totalFen,
      refund: r.refundFen,
      payer_total: r.totalFen,
      payer_refund: r.refundFen,
      settlement_total: r.totalFen,
      settlement_refund: r.refundFen,
      discount_refund: 0,
      currency: "CNY",
      from: [],
    },
    promotion_detail: [],
  };
}

/** §1.7: the encrypted, signed notify for a paid trade. */
export function queuePaymentNotify(s: WechatPayState, t: Trade, times = 1): void {
  const m = s.merchants.get(t.mchId);
  if (!m) return;
  const id = `EV-${randomBytes(16).toString("hex")}`.slice(0, 36);
  const plain = JSON.stringify(transactionJson(t));
  const spec: NotifySpec = {
    event: "TRANSACTION.SUCCESS",
    mchId: t.mchId,
    outTradeNo: t.outTradeNo,
    url: t.notifyUrl,
    render: (now) => {
      const body = JSON.stringify({
        id,
        create_time: chinaRfc3339(t.successTime ?? now),
        resource_type: "encrypt-resource",
        event_type: "TRANSACTION.SUCCESS",
        summary: "支付成功",
        resource: { original_type: "transaction", ...encryptResource(m.apiV3Key, plain, "transaction") },
      });
      return {
        headers: { "content-type": "application/json", ...s.signatureHeaders(body, m, undefined, "notifies") },
        body,
      };
    },
    accepted: (status) => status === 200 || status === 204,
  };
  // The "pays twice" case: the same event (same id) delivered twice, as WeChat may (§1.7).
  for (let i = 0; i < times; i++) s.notifier.schedule(spec);
}

/** §1.7: REFUND.SUCCESS to the refund's notify_url (or, failing that, the trade's). */
export function queueRefundNotify(s: WechatPayState, r: Refund): void {
  const m = s.merchants.get(r.mchId);
  const t = s.book.trade(r.mchId, r.outTradeNo);
  const url = r.notifyUrl ?? t?.notifyUrl;
  if (!m || !url || r.api !== "v3") return;
  const id = `EV-${randomBytes(16).toString("hex")}`.slice(0, 36);
  const plain = JSON.stringify({
    mchid: r.mchId,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    refund_status: r.status,
    success_time: chinaRfc3339(r.successTime ?? s.now()),
    user_received_account: "支付用户零钱",
    amount: { total: r.totalFen, refund: r.refundFen, payer_total: r.totalFen, payer_refund: r.refundFen },
  });
  s.notifier.schedule({
    event: `REFUND.${r.status}`,
    mchId: r.mchId,
    outTradeNo: r.outTradeNo,
    outRefundNo: r.outRefundNo,
    url,
    render: () => {
      const body = JSON.stringify({
        id,
        create_time: chinaRfc3339(s.now()),
        resource_type: "encrypt-resource",
        event_type: `REFUND.${r.status}`,
        summary: "退款成功",
        resource: { original_type: "refund", ...encryptResource(m.apiV3Key, plain, "refund") },
      });
      return {
        headers: { "content-type": "application/json", ...s.signatureHeaders(body, m, undefined, "notifies") },
        body,
      };
    },
    accepted: (status) => status === 200 || status === 204,
  });
}
