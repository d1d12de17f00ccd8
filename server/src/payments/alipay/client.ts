import type { KeyObject } from "node:crypto";
import { ALIPAY_CODES, errorFor } from "../codes.js";
import { clientHttpOptions, type PaymentClientOptions, PaymentHttp } from "../http.js";
import {
  type CreatedPayment,
  type CreatePayment,
  checkOutRefundNo,
  checkOutTradeNo,
  checkRefund,
  type IncomingNotify,
  isFen,
  type NotifyAnswer,
  type PaymentNotice,
  type PaymentProvider,
  type PaymentResult,
  type RefundRequest,
  type RefundView,
  refuse,
} from "../provider.js";
import { type AlipayTrade, refundOf, tradeOf } from "./resources.js";
import {
  alipayTime,
  fenOf,
  notifySignContent,
  rawMember,
  readPrivateKey,
  readPublicKey,
  requestSignContent,
  rsa2Sign,
  rsa2Verify,
  yuanOf,
} from "./signing.js";

/** One cinema's Alipay app (开放平台应用) in public-key mode (payments.md §4, §5). */
export interface AlipayConfig {
  appId: string;
  /** The app private key (应用私钥): PEM or Alipay's bare base64, PKCS#8 or PKCS#1. */
  privateKeyPem: string;
  /** The Alipay public key (支付宝公钥) the app's page shows once the app public key is uploaded. */
  alipayPublicKeyPem: string;
  /** The full gateway URL, `…/gateway.do` (tests and the demo name the simulator's). */
  gatewayUrl: string;
}

export type AlipayOptions = PaymentClientOptions;

/** §4: total_amount is 0.01–100000000 yuan. */
const MAX_FEN = 100_000_000_00;

type Answer = Record<string, unknown>;

/**
 * Alipay WAP pay (手机网站支付, `alipay.trade.wap.pay`) with query, close, refund and refund query
 * over OpenAPI 2.0 (payments.md §4). Create makes no call: it signs the URL the buyer's browser
 * opens, and Alipay has no trade until the buyer is at its cashier, so a query before that is
 * `not_found` (§4: "treat that as pending" while the pay URL can still be used).
 */
export class AlipayClient implements PaymentProvider {
  readonly kind = "alipay" as const;
  private readonly http: PaymentHttp;
  private readonly privateKey: KeyObject;
  private readonly alipayKey: KeyObject;

  /** Throws when a key does not parse: `alipayProvider()` turns that into a configuration reason. */
  constructor(
    private readonly config: AlipayConfig,
    private readonly opts: AlipayOptions,
  ) {
    this.privateKey = readPrivateKey(config.privateKeyPem);
    this.alipayKey = readPublicKey(config.alipayPublicKeyPem);
    this.http = new PaymentHttp(clientHttpOptions("alipay", config.appId, [config.privateKeyPem], opts));
  }

  async create(req: CreatePayment): Promise<PaymentResult<CreatedPayment>> {
    const badTradeNo = checkOutTradeNo(req.outTradeNo);
    if (badTradeNo) return badTradeNo;
    if (!isFen(req.amountFen) || req.amountFen > MAX_FEN)
      return refuse("invalid_request", "the amount must be whole fen from 1 to 100000000 yuan");
    // §4: subject ≤ 256 and without "/ = &"; those are replaced rather than refused.
    const subject = req.description.replace(/[/=&]/g, " ").trim();
    if (subject.length < 1 || subject.length > 256)
      return refuse("invalid_request", "the description must be 1–256 characters");
    if (!(req.expiresAt > this.opts.clock.now())) return refuse("invalid_request", "expiresAt is already past");
    const biz = {
      out_trade_no: req.outTradeNo,
      total_amount: yuanOf(req.amountFen),
      subject,
      product_code: "QUICK_WAP_WAY",
      // §4: an absolute deadline, so the pay URL dies with the seat lock.
      time_expire: alipayTime(req.expiresAt),
      ...(req.returnUrl ? { quit_url: req.returnUrl } : {}),
      ...(req.attach ? { passback_params: encodeURIComponent(req.attach) } : {}),
    };
    const params = this.signed("alipay.trade.wap.pay", biz, {
      notify_url: req.notifyUrl,
      ...(req.returnUrl ? { return_url: req.returnUrl } : {}),
    });
    const url = new URL(this.config.gatewayUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return { ok: true, value: { payParams: { kind: "redirect", url: url.toString() } } };
  }

  async query(outTradeNo: string): Promise<PaymentResult<ReturnType<typeof tradeOf>>> {
    const badTradeNo = checkOutTradeNo(outTradeNo);
    if (badTradeNo) return badTradeNo;
    const r = await this.exec("alipay.trade.query", { out_trade_no: outTradeNo }, false);
    if (!r.ok) return r;
    return { ok: true, value: tradeOf(r.value as AlipayTrade) };
  }

  /**
   * `alipay.trade.close`. A trade Alipay has never created (the buyer never reached the cashier) is
   * `not_found`: nothing was closed, and the pay URL stays usable until its time_expire. A "status
   * error" answer is settled by a query: already closed is success, paid is `order_paid`.
   */
  async close(outTradeNo: string): Promise<PaymentResult<void>> {
    const badTradeNo = checkOutTradeNo(outTradeNo);
    if (badTradeNo) return badTradeNo;
    const r = await this.exec("alipay.trade.close", { out_trade_no: outTradeNo }, true);
    if (r.ok) return { ok: true, value: undefined };
    if (r.error.providerCode === "ACQ.TRADE_NOT_EXIST") {
      return refuse(
        "not_found",
        "Alipay has no such trade yet (the buyer never reached the cashier); the pay URL lapses at its time_expire",
        r.error.providerCode,
      );
    }
    if (r.error.providerCode === "ACQ.TRADE_STATUS_ERROR" || r.error.code === "order_closed") {
      const q = await this.query(outTradeNo);
      if (!q.ok) return q;
      if (q.value.state === "closed") return { ok: true, value: undefined };
      if (q.value.state === "paid" || q.value.state === "refunded")
        return refuse("order_paid", `the trade is ${q.value.providerState}`, r.error.providerCode);
    }
    return r;
  }

  async refund(req: RefundRequest): Promise<PaymentResult<RefundView>> {
    const bad = checkRefund(req, "out_request_no");
    if (bad) return bad;
    // §4: out_request_no makes a retry the same refund (fund_change "N" the second time).
    const r = await this.exec(
      "alipay.trade.refund",
      {
        out_trade_no: req.outTradeNo,
        refund_amount: yuanOf(req.refundFen),
        out_request_no: req.outRefundNo,
        ...(req.reason ? { refund_reason: req.reason.slice(0, 256) } : {}),
      },
      true,
    );
    if (!r.ok) return r;
    const v = r.value as { fund_change?: string; gmt_refund_pay?: string; trade_no?: string };
    if (v.fund_change !== "Y") {
      // No money moved by this call: an earlier call with this out_request_no did it, or it is under
      // way. The refund query says which.
      const q = await this.queryRefund(req.outRefundNo, req.outTradeNo);
      if (q.ok) return q;
    }
    return {
      ok: true,
      value: refundOf(
        { out_trade_no: req.outTradeNo, out_request_no: req.outRefundNo, ...v },
        v.fund_change === "Y" ? "REFUND_SUCCESS" : "PROCESSING",
        req.refundFen,
        req.totalFen,
        this.opts.clock.now(),
      ),
    };
  }

  async queryRefund(outRefundNo: string, outTradeNo: string): Promise<PaymentResult<RefundView>> {
    const badNo = checkOutRefundNo(outRefundNo, "out_request_no");
    if (badNo) return badNo;
    const badTradeNo = checkOutTradeNo(outTradeNo);
    if (badTradeNo) return badTradeNo;
    const r = await this.exec(
      "alipay.trade.fastpay.refund.query",
      { out_trade_no: outTradeNo, out_request_no: outRefundNo },
      false,
    );
    if (!r.ok) return r;
    const v = r.value as { refund_amount?: string; refund_status?: string; total_amount?: string };
    // Alipay answers 10000 with no refund in it for a request it never received.
    if (fenOf(v.refund_amount) === undefined) return refuse("not_found", `Alipay has no refund ${outRefundNo}`);
    return {
      ok: true,
      value: refundOf(
        { out_trade_no: outTradeNo, out_request_no: outRefundNo, ...(r.value as Record<string, string>) },
        v.refund_status === "REFUND_SUCCESS" ? "REFUND_SUCCESS" : "PROCESSING",
        fenOf(v.refund_amount) ?? 0,
        fenOf(v.total_amount) ?? 0,
        undefined,
      ),
    };
  }

  /**
   * The async notify (§4): a form POST; `sign` covers every other field except `sign_type`, with
   * url-decoded values, under the Alipay public key. Then the app must be this cinema's.
   */
  async verifyNotify(notify: IncomingNotify): Promise<PaymentResult<PaymentNotice>> {
    const form = new URLSearchParams(notify.body);
    const p: Record<string, string> = {};
    for (const [k, v] of form) p[k] = v;
    if (!p.out_trade_no || !p.trade_status) return refuse("invalid_request", "not an Alipay trade notify");
    if (!p.sign) return refuse("bad_signature", "the notify carries no sign");
    if (p.sign_type !== undefined && p.sign_type !== "RSA2")
      return refuse("bad_signature", `sign_type ${p.sign_type} is not RSA2`);
    if (!rsa2Verify(notifySignContent(p), p.sign, this.alipayKey)) {
      return refuse("bad_signature", "the notify's sign does not verify with this cinema's Alipay public key");
    }
    if (p.app_id !== this.config.appId) {
      return refuse("invalid_request", `the notify is for app ${p.app_id ?? "(none)"}, not this cinema's`);
    }
    return {
      ok: true,
      value: { kind: "payment", ...(p.notify_id ? { notifyId: p.notify_id } : {}), trade: tradeOf(p) },
    };
  }

  /** §4: the plain text `success`; anything else makes Alipay retry (8 times over about 25 h). */
  notifyAnswer(accepted: boolean): NotifyAnswer {
    return { status: 200, contentType: "text/plain", body: accepted ? "success" : "failure" };
  }

  async dispose(): Promise<void> {
    await this.http.close();
  }

  /** The common parameters plus `biz_content`, signed (§4 "Request signature"). */
  private signed(method: string, biz: object, extra: Record<string, string> = {}): Record<string, string> {
    const params: Record<string, string> = {
      app_id: this.config.appId,
      method,
      format: "JSON",
      charset: "utf-8",
      sign_type: "RSA2",
      timestamp: alipayTime(this.opts.clock.now()),
      version: "1.0",
      ...extra,
      biz_content: JSON.stringify(biz),
    };
    params.sign = rsa2Sign(requestSignContent(params), this.privateKey);
    return params;
  }

  /**
   * One `exec` call: a signed form POST to the gateway. A `sign` that is present must verify over
   * the raw `*_response` text; an unsigned answer is accepted only as a refusal (a forged refusal
   * can only make us ask again), never as data we act on.
   */
  private async exec(method: string, biz: object, sideEffect: boolean): Promise<PaymentResult<Answer>> {
    const sent = await this.http.send({
      call: method,
      method: "POST",
      url: this.config.gatewayUrl,
      headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8", accept: "application/json" },
      body: new URLSearchParams(this.signed(method, biz)).toString(),
    });
    if (!sent.ok) {
      return {
        ok: false,
        error:
          !sideEffect && sent.error.code === "outcome_unknown"
            ? { ...sent.error, code: "provider_unavailable" }
            : sent.error,
      };
    }
    if (sent.status === 429) return refuse("rate_limited", "Alipay's gateway is limiting our calls", "http_429", 429);
    const unavailable = (why: string) =>
      refuse(sideEffect ? "outcome_unknown" : "provider_unavailable", why, `http_${sent.status}`, sent.status);
    const name = `${method.replace(/\./g, "_")}_response`;
    const raw = rawMember(sent.body, name) ?? rawMember(sent.body, "error_response");
    let doc: { sign?: unknown } | undefined;
    let inner: Answer | undefined;
    try {
      doc = JSON.parse(sent.body) as { sign?: unknown };
      inner = raw ? (JSON.parse(raw) as Answer) : undefined;
    } catch {
      doc = undefined;
    }
    if (sent.status >= 500 || !doc || !inner || !raw) {
      return unavailable(`HTTP ${sent.status}: not an Alipay ${name}`);
    }
    const signature = typeof doc.sign === "string" ? doc.sign : undefined;
    if (signature !== undefined && !rsa2Verify(raw, signature, this.alipayKey)) {
      return refuse("bad_signature", "the answer's sign does not verify with this cinema's Alipay public key");
    }
    const code = typeof inner.code === "string" ? inner.code : undefined;
    if (code !== "10000") {
      const sub = typeof inner.sub_code === "string" ? inner.sub_code : undefined;
      const key = sub !== undefined && ALIPAY_CODES[sub] ? sub : code;
      const msg = String(inner.sub_msg ?? inner.msg ?? "");
      const error = errorFor(ALIPAY_CODES, key, msg, { sideEffect, httpStatus: sent.status });
      return { ok: false, error: sub !== undefined ? { ...error, providerCode: sub } : error };
    }
    if (signature === undefined) return refuse("bad_signature", "a successful answer without a sign is never trusted");
    return { ok: true, value: inner };
  }
}
