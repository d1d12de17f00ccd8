import { errorFor, WECHAT_V2_CODES } from "../codes.js";
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
  type RefundState,
  type RefundView,
  refuse,
  type TradeView,
} from "../provider.js";
import { WECHAT_TRADE_STATES } from "../wechat-v3/resources.js";
import {
  buildV2Xml,
  decryptReqInfo,
  parseV2Time,
  parseV2Xml,
  type SignType,
  v2Nonce,
  v2Sign,
  v2Time,
  v2Verify,
} from "./signing.js";

/** One cinema's WeChat Pay v2 merchant: an API key, and the API certificate for refunds (§2). */
export interface WechatV2Config {
  appId: string;
  mchId: string;
  /** The 32-character v2 API key. */
  apiKey: string;
  signType?: SignType;
  /** apiclient_cert.pem / apiclient_key.pem: presented (mutual TLS) on /secapi calls over https. */
  merchantCertPem?: string;
  merchantKeyPem?: string;
  apiBaseUrl: string;
}

export type WechatV2Options = PaymentClientOptions;

/** §2 refundquery refund_status_$n (and the refund notify's refund_status) → ours. */
const REFUND_STATES: Record<string, RefundState> = {
  SUCCESS: "succeeded",
  REFUNDCLOSE: "closed",
  PROCESSING: "processing",
  CHANGE: "abnormal",
};

/** WeChat Pay API v2 (XML, API-key signatures) for one merchant. */
export class WechatPayV2 implements PaymentProvider {
  readonly kind = "wechat_v2" as const;
  private readonly http: PaymentHttp;
  private readonly secure: PaymentHttp;
  private readonly signType: SignType;

  constructor(
    private readonly config: WechatV2Config,
    private readonly opts: WechatV2Options,
  ) {
    this.signType = config.signType ?? "HMAC-SHA256";
    const base = clientHttpOptions("wechatpay.v2", config.mchId, [config.apiKey], opts);
    this.http = new PaymentHttp(base);
    this.secure = new PaymentHttp({
      ...base,
      ...(config.merchantCertPem && config.merchantKeyPem
        ? { clientCert: { cert: config.merchantCertPem, key: config.merchantKeyPem } }
        : {}),
    });
  }

  async create(req: CreatePayment): Promise<PaymentResult<CreatedPayment>> {
    const badTradeNo = checkOutTradeNo(req.outTradeNo);
    if (badTradeNo) return badTradeNo;
    if (!isFen(req.amountFen)) return refuse("invalid_request", "the amount must be a whole number of fen ≥ 1");
    if (req.description.length < 1 || req.description.length > 127)
      return refuse("invalid_request", "the description must be 1–127 characters");
    if (!req.openid) return refuse("invalid_request", "JSAPI 支付必须传 openid");
    const r = await this.call("wechatpay.v2.unifiedorder", "/pay/unifiedorder", true, {
      body: req.description,
      out_trade_no: req.outTradeNo,
      total_fee: String(req.amountFen),
      fee_type: "CNY",
      spbill_create_ip: req.clientIp ?? "127.0.0.1",
      notify_url: req.notifyUrl,
      trade_type: "JSAPI",
      openid: req.openid,
      attach: req.attach,
      time_expire: v2Time(req.expiresAt),
    });
    if (!r.ok) return r;
    const prepayId = r.value.prepay_id;
    if (!prepayId) return refuse("outcome_unknown", "the unifiedorder answer has no prepay_id");
    return { ok: true, value: { prepayId, payParams: this.payParams(prepayId) } };
  }

  /** §2 "JSAPI bridge (v2)": paySign is the v2 signature of exactly these five keys. */
  payParams(prepayId: string): CreatedPayment["payParams"] {
    const p = {
      appId: this.config.appId,
      timeStamp: String(Math.floor(this.opts.clock.now() / 1000)),
      nonceStr: v2Nonce(),
      package: `prepay_id=${prepayId}`,
      signType: this.signType,
    };
    return { kind: "wechat_jsapi", bridge: { ...p, paySign: v2Sign(p, this.config.apiKey, this.signType) } };
  }

  async query(outTradeNo: string): Promise<PaymentResult<TradeView>> {
    const badTradeNo = checkOutTradeNo(outTradeNo);
    if (badTradeNo) return badTradeNo;
    const r = await this.call("wechatpay.v2.orderquery", "/pay/orderquery", false, { out_trade_no: outTradeNo });
    if (!r.ok) return r;
    return { ok: true, value: tradeOf(r.value) };
  }

  async close(outTradeNo: string): Promise<PaymentResult<void>> {
    const badTradeNo = checkOutTradeNo(outTradeNo);
    if (badTradeNo) return badTradeNo;
    const r = await this.call("wechatpay.v2.closeorder", "/pay/closeorder", true, { out_trade_no: outTradeNo });
    if (!r.ok) return r.error.code === "order_closed" ? { ok: true, value: undefined } : r;
    return { ok: true, value: undefined };
  }

  async refund(req: RefundRequest): Promise<PaymentResult<RefundView>> {
    const bad = checkRefund(req);
    if (bad) return bad;
    const r = await this.call("wechatpay.v2.refund", "/secapi/pay/refund", true, {
      out_trade_no: req.outTradeNo,
      out_refund_no: req.outRefundNo,
      total_fee: String(req.totalFen),
      refund_fee: String(req.refundFen),
      refund_desc: req.reason?.slice(0, 80),
      notify_url: req.notifyUrl,
    });
    if (!r.ok) return r;
    // The synchronous answer only says the refund was accepted (§1.9): it is processing.
    return {
      ok: true,
      value: {
        outRefundNo: req.outRefundNo,
        outTradeNo: req.outTradeNo,
        ...(r.value.refund_id ? { refundId: r.value.refund_id } : {}),
        state: "processing",
        providerState: "PROCESSING",
        refundFen: Number(r.value.refund_fee ?? req.refundFen),
        totalFen: Number(r.value.total_fee ?? req.totalFen),
      },
    };
  }

  async queryRefund(outRefundNo: string): Promise<PaymentResult<RefundView>> {
    const badNo = checkOutRefundNo(outRefundNo);
    if (badNo) return badNo;
    const r = await this.call("wechatpay.v2.refundquery", "/pay/refundquery", false, { out_refund_no: outRefundNo });
    if (!r.ok) return r;
    const v = r.value;
    const word = v.refund_status_0 ?? "PROCESSING";
    const at = parseRefundTime(v.refund_success_time_0);
    return {
      ok: true,
      value: {
        outRefundNo: v.out_refund_no_0 ?? outRefundNo,
        outTradeNo: v.out_trade_no ?? "",
        ...(v.refund_id_0 ? { refundId: v.refund_id_0 } : {}),
        state: REFUND_STATES[word] ?? "processing",
        providerState: word,
        refundFen: Number(v.refund_fee_0 ?? 0),
        totalFen: Number(v.total_fee ?? 0),
        ...(at !== undefined ? { succeededAt: at } : {}),
      },
    };
  }

  async verifyNotify(notify: IncomingNotify): Promise<PaymentResult<PaymentNotice>> {
    const p = parseV2Xml(notify.body);
    if (!p) return refuse("invalid_request", "the notify is not v2 XML");
    if (p.mch_id !== undefined && p.mch_id !== this.config.mchId) {
      return refuse("invalid_request", `the notify is for merchant ${p.mch_id}, not this cinema's`);
    }
    if (p.req_info !== undefined) {
      // Refund notify: no sign; authenticity comes from decrypting with our API key (§2).
      let inner: Record<string, string> | undefined;
      try {
        inner = parseV2Xml(decryptReqInfo(p.req_info, this.config.apiKey));
      } catch {
        inner = undefined;
      }
      if (!inner) return refuse("bad_signature", "req_info does not decrypt with this merchant's API key");
      const word = inner.refund_status ?? "PROCESSING";
      const at = parseRefundTime(inner.success_time);
      return {
        ok: true,
        value: {
          kind: "refund",
          ...(inner.refund_id ? { notifyId: inner.refund_id } : {}),
          refund: {
            outRefundNo: inner.out_refund_no ?? "",
            outTradeNo: inner.out_trade_no ?? "",
            ...(inner.refund_id ? { refundId: inner.refund_id } : {}),
            state: REFUND_STATES[word] ?? "processing",
            providerState: word,
            refundFen: Number(inner.refund_fee ?? 0),
            totalFen: Number(inner.total_fee ?? 0),
            ...(at !== undefined ? { succeededAt: at } : {}),
          },
        },
      };
    }
    if (!v2Verify(p, this.config.apiKey))
      return refuse("bad_signature", "the notify's sign does not verify with this merchant's API key");
    if (p.return_code !== "SUCCESS" || p.result_code !== "SUCCESS") {
      return refuse("invalid_request", `the notify reports ${p.err_code ?? p.return_msg ?? "a failure"}`);
    }
    return {
      ok: true,
      value: {
        kind: "payment",
        ...(p.transaction_id ? { notifyId: p.transaction_id } : {}),
        trade: tradeOf({ ...p, trade_state: "SUCCESS" }),
      },
    };
  }

  /** §2: `<xml><return_code>SUCCESS</return_code><return_msg>OK</return_msg></xml>`; anything else is retried. */
  notifyAnswer(accepted: boolean): NotifyAnswer {
    return {
      status: 200,
      contentType: "text/xml",
      body: buildV2Xml(
        accepted ? { return_code: "SUCCESS", return_msg: "OK" } : { return_code: "FAIL", return_msg: "FAIL" },
      ),
    };
  }

  async dispose(): Promise<void> {
    await Promise.all([this.http.close(), this.secure.close()]);
  }

  /**
   * One signed XML call. `return_code` FAIL is a transport-level refusal (signature, certificate);
   * `result_code` FAIL a business one (`err_code`). A SUCCESS answer must carry a valid sign.
   */
  private async call(
    name: string,
    path: string,
    sideEffect: boolean,
    fields: Record<string, string | undefined>,
  ): Promise<PaymentResult<Record<string, string>>> {
    const params: Record<string, string | undefined> = {
      appid: this.config.appId,
      mch_id: this.config.mchId,
      nonce_str: v2Nonce(),
      sign_type: this.signType,
      ...fields,
    };
    params.sign = v2Sign(params, this.config.apiKey, this.signType);
    const http = path.startsWith("/secapi/") ? this.secure : this.http;
    const sent = await http.send({
      call: name,
      method: "POST",
      url: new URL(path, this.config.apiBaseUrl).toString(),
      headers: { "content-type": "text/xml; charset=utf-8", accept: "text/xml" },
      body: buildV2Xml(params),
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
    const v = parseV2Xml(sent.body);
    if (sent.status >= 500 || !v) {
      // An HTML page from the gateway ("No required SSL certificate was sent") or a 5xx.
      const certificate = /SSL certificate/i.test(sent.body);
      return refuse(
        certificate
          ? "auth_failed"
          : sent.status >= 500 && sideEffect
            ? "outcome_unknown"
            : sent.status >= 500
              ? "provider_unavailable"
              : "invalid_request",
        certificate ? "the merchant certificate was not presented or not accepted" : `HTTP ${sent.status}, not v2 XML`,
        `http_${sent.status}`,
        sent.status,
      );
    }
    if (v.return_code !== "SUCCESS") {
      const msg = v.return_msg ?? "";
      const code =
        msg === "certificate not match" ? msg : /签名|sign/i.test(msg) ? "SIGNERROR" : (v.err_code ?? undefined);
      return { ok: false, error: errorFor(WECHAT_V2_CODES, code, msg, { sideEffect, httpStatus: sent.status }) };
    }
    // A business refusal is acted on even unsigned (a forged one can only make us query again);
    // data we act on must carry a valid sign, made with the sign_type we asked for.
    if (v.result_code !== "SUCCESS") {
      return {
        ok: false,
        error: errorFor(WECHAT_V2_CODES, v.err_code, v.err_code_des, { sideEffect, httpStatus: sent.status }),
      };
    }
    if (!v2Verify(v, this.config.apiKey, this.signType)) {
      return refuse("bad_signature", "the answer's sign does not verify with this merchant's API key");
    }
    return { ok: true, value: v };
  }
}

function tradeOf(v: Record<string, string>): TradeView {
  const word = v.trade_state ?? "NOTPAY";
  const paidAt = parseV2Time(v.time_end);
  const paid = word === "SUCCESS" || word === "REFUND";
  return {
    outTradeNo: v.out_trade_no ?? "",
    state: WECHAT_TRADE_STATES[word] ?? "pending",
    providerState: word,
    ...(v.transaction_id ? { transactionId: v.transaction_id } : {}),
    amountFen: Number(v.total_fee ?? 0),
    ...(paid && v.cash_fee !== undefined ? { paidFen: Number(v.cash_fee) } : {}),
    ...(paidAt !== undefined ? { paidAt } : {}),
    ...(v.openid && paid ? { payerId: v.openid } : {}),
    ...(v.attach ? { attach: v.attach } : {}),
    ...(v.appid ? { appId: v.appid } : {}),
    ...(v.mch_id ? { mchId: v.mch_id } : {}),
  };
}

/** "yyyy-MM-dd HH:mm:ss" China time (v2 refund times, §2). */
function parseRefundTime(text: string | undefined): number | undefined {
  const m = text ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text) : null;
  if (!m) return undefined;
  return parseV2Time(m.slice(1).join(""));
}
