import { createPrivateKey, type KeyObject } from "node:crypto";
import { toChinaIso } from "../../domain/time.js";
import { errorFor, type PaymentError, paymentError, WECHAT_V3_CODES } from "../codes.js";
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
  type TradeView,
} from "../provider.js";
import { aeadDecrypt, type EncryptedResource } from "./aead.js";
import { PlatformKeys, parsePlatformKey } from "./platform-keys.js";
import { refundView, tradeView, type V3Refund, type V3Transaction } from "./resources.js";
import {
  authorizationHeader,
  type MerchantSigner,
  nonceStr,
  paySignString,
  responseSignString,
  rsaSign,
  rsaVerify,
  SIGNATURE_TYPE,
} from "./signing.js";

/** One cinema's WeChat Pay v3 merchant (direct merchant, JSAPI in the 公众号). */
export interface WechatV3Config {
  appId: string;
  mchId: string;
  /** 32 characters; decrypts notifies and platform certificates. */
  apiV3Key: string;
  /** Serial of the merchant API certificate (40 hex). */
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  /**
   * WeChat's verification keys by `Wechatpay-Serial`: `PUB_KEY_ID_…` → public key PEM, and/or
   * platform certificate serial → certificate PEM. Both kinds may be present (§1.5).
   */
  platformKeys: Record<string, string>;
  /** Root of the API (no path: the signed URL is the path from the root, §1.11.8). */
  apiBaseUrl: string;
}

export type WechatV3Options = PaymentClientOptions;

/** Responses and notifies more than 5 minutes away from our clock are refused (§1.4). */
export const MAX_CLOCK_SKEW_S = 300;

type Answer = { status: number; headers: Record<string, string>; body: string };

/** WeChat Pay API v3 for one merchant: signs every request, verifies every answer. */
export class WechatPayV3 implements PaymentProvider {
  readonly kind = "wechat_v3" as const;
  private readonly signer: MerchantSigner;
  private readonly privateKey: KeyObject;
  readonly platformKeys = new PlatformKeys();
  private readonly http: PaymentHttp;
  private readonly base: URL;

  constructor(
    private readonly config: WechatV3Config,
    private readonly opts: WechatV3Options,
  ) {
    this.privateKey = createPrivateKey(config.merchantPrivateKeyPem);
    this.signer = { mchId: config.mchId, serialNo: config.merchantSerialNo, privateKey: this.privateKey };
    for (const [id, pem] of Object.entries(config.platformKeys)) this.platformKeys.add(id, pem);
    this.base = new URL(config.apiBaseUrl);
    this.http = new PaymentHttp(clientHttpOptions("wechatpay.v3", config.mchId, [config.apiV3Key], opts));
  }

  async create(req: CreatePayment): Promise<PaymentResult<CreatedPayment>> {
    const bad = checkCreate(req);
    if (bad) return { ok: false, error: bad };
    if (!req.openid) return refuse("invalid_request", "JSAPI支付必须传 openid (the buyer's openid under this AppID)");
    const body = {
      appid: this.config.appId,
      mchid: this.config.mchId,
      description: req.description,
      out_trade_no: req.outTradeNo,
      // Ties WeChat's payable window to the seat lock (§1.9); WeChat raises < 1 min to 1 min.
      time_expire: toChinaIso(req.expiresAt),
      ...(req.attach ? { attach: req.attach } : {}),
      notify_url: req.notifyUrl,
      amount: { total: req.amountFen, currency: "CNY" },
      payer: { openid: req.openid },
      ...(req.clientIp ? { scene_info: { payer_client_ip: req.clientIp } } : {}),
    };
    const r = await this.call("wechatpay.v3.jsapi", "POST", "/v3/pay/transactions/jsapi", body, true);
    if (!r.ok) return r;
    const prepayId = (r.value.json as { prepay_id?: unknown }).prepay_id;
    if (typeof prepayId !== "string" || prepayId === "") {
      return refuse("outcome_unknown", "the prepay answer has no prepay_id");
    }
    return { ok: true, value: { prepayId, payParams: this.payParams(prepayId) } };
  }

  /** The `getBrandWCPayRequest` parameters for a prepay_id, signed with the merchant key (§1.6). */
  payParams(prepayId: string): CreatedPayment["payParams"] {
    const timeStamp = String(Math.floor(this.opts.clock.now() / 1000));
    const nonce = nonceStr();
    const pkg = `prepay_id=${prepayId}`;
    const paySign = rsaSign(this.privateKey, paySignString(this.config.appId, timeStamp, nonce, pkg));
    return {
      kind: "wechat_jsapi",
      bridge: { appId: this.config.appId, timeStamp, nonceStr: nonce, package: pkg, signType: "RSA", paySign },
    };
  }

  async query(outTradeNo: string): Promise<PaymentResult<TradeView>> {
    const badTradeNo = checkOutTradeNo(outTradeNo);
    if (badTradeNo) return badTradeNo;
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.config.mchId)}`;
    const r = await this.call("wechatpay.v3.query", "GET", path, undefined, false);
    if (!r.ok) return r;
    return { ok: true, value: tradeView(r.value.json as V3Transaction) };
  }

  async close(outTradeNo: string): Promise<PaymentResult<void>> {
    const badTradeNo = checkOutTradeNo(outTradeNo);
    if (badTradeNo) return badTradeNo;
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`;
    const r = await this.call("wechatpay.v3.close", "POST", path, { mchid: this.config.mchId }, true);
    if (!r.ok) {
      // Closing a closed trade is harmless (§1.9): the goal is reached.
      if (r.error.code === "order_closed") return { ok: true, value: undefined };
      return r;
    }
    return { ok: true, value: undefined };
  }

  async refund(req: RefundRequest): Promise<PaymentResult<RefundView>> {
    const bad = checkRefund(req);
    if (bad) return bad;
    const body = {
      out_trade_no: req.outTradeNo,
      out_refund_no: req.outRefundNo,
      ...(req.reason ? { reason: req.reason.slice(0, 80) } : {}),
      ...(req.notifyUrl ? { notify_url: req.notifyUrl } : {}),
      amount: { refund: req.refundFen, total: req.totalFen, currency: "CNY" },
    };
    const r = await this.call("wechatpay.v3.refund", "POST", "/v3/refund/domestic/refunds", body, true);
    if (!r.ok) return r;
    return { ok: true, value: refundView(r.value.json as V3Refund) };
  }

  async queryRefund(outRefundNo: string): Promise<PaymentResult<RefundView>> {
    const badNo = checkOutRefundNo(outRefundNo);
    if (badNo) return badNo;
    const path = `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`;
    const r = await this.call("wechatpay.v3.refund.query", "GET", path, undefined, false);
    if (!r.ok) return r;
    return { ok: true, value: refundView(r.value.json as V3Refund) };
  }

  async verifyNotify(notify: IncomingNotify): Promise<PaymentResult<PaymentNotice>> {
    // Verify first, then decrypt (§1.7).
    const verified = this.verifySigned({ status: 200, headers: lower(notify.headers), body: notify.body });
    if (verified) return { ok: false, error: verified };
    let envelope: { id?: string; event_type?: string; resource?: EncryptedResource };
    try {
      envelope = JSON.parse(notify.body);
    } catch {
      return refuse("invalid_request", "the notify body is not JSON");
    }
    const resource = envelope.resource;
    if (!resource || typeof resource.ciphertext !== "string" || typeof resource.nonce !== "string") {
      return refuse("invalid_request", "the notify has no encrypted resource");
    }
    let plain: unknown;
    try {
      plain = JSON.parse(aeadDecrypt(this.config.apiV3Key, resource));
    } catch {
      // A wrong APIv3 key shows here: the tag does not authenticate (§1.7).
      return refuse("bad_signature", "the notify resource does not decrypt with this merchant's APIv3 key");
    }
    const eventType = envelope.event_type ?? "";
    const notifyId = envelope.id;
    if (eventType.startsWith("TRANSACTION.")) {
      const trade = tradeView(plain as V3Transaction);
      if (trade.mchId !== undefined && trade.mchId !== this.config.mchId) {
        return refuse("invalid_request", `the notify is for merchant ${trade.mchId}, not this cinema's`);
      }
      return { ok: true, value: { kind: "payment", ...(notifyId ? { notifyId } : {}), trade } };
    }
    if (eventType.startsWith("REFUND.")) {
      return {
        ok: true,
        value: { kind: "refund", ...(notifyId ? { notifyId } : {}), refund: refundView(plain as V3Refund) },
      };
    }
    return refuse("invalid_request", `unknown notify event_type ${JSON.stringify(eventType)}`);
  }

  /** 200/204 is success, anything else a failure that WeChat retries (§1.7). */
  notifyAnswer(accepted: boolean): NotifyAnswer {
    return accepted
      ? { status: 200, contentType: "application/json", body: JSON.stringify({ code: "SUCCESS", message: "成功" }) }
      : { status: 400, contentType: "application/json", body: JSON.stringify({ code: "FAIL", message: "失败" }) };
  }

  /**
   * Certificate mode (§1.1, §1.5): downloads WeChat's platform certificates, decrypted with the
   * APIv3 key, and adds them to the verification keys. The answer is signed by one of the
   * certificates it carries, so it is verified with those after decrypting (a wrong APIv3 key fails
   * here). Returns the serials added. Merchants in public-key mode do not need this.
   */
  async downloadPlatformCertificates(): Promise<PaymentResult<string[]>> {
    const found = new Map<string, string>();
    const r = await this.call("wechatpay.v3.certificates", "GET", "/v3/certificates", undefined, false, (_a, json) => {
      const keys = new PlatformKeys();
      const data = (json as { data?: { serial_no?: string; encrypt_certificate?: EncryptedResource }[] }).data ?? [];
      for (const item of data) {
        if (!item.serial_no || !item.encrypt_certificate) continue;
        const pem = aeadDecrypt(this.config.apiV3Key, item.encrypt_certificate);
        const parsed = parsePlatformKey(pem);
        if (parsed.certificate?.serial !== item.serial_no.toUpperCase())
          throw new Error(`certificate ${item.serial_no} carries another serial`);
        keys.add(item.serial_no, pem);
        found.set(item.serial_no, pem);
      }
      return keys;
    });
    if (!r.ok) return r;
    for (const [serial, pem] of found) this.platformKeys.add(serial, pem);
    return { ok: true, value: [...found.keys()] };
  }

  async dispose(): Promise<void> {
    await this.http.close();
  }

  /**
   * Sends one signed request and verifies the signed answer. A 2xx answer whose signature fails is
   * `bad_signature` (never trusted); an error answer is mapped through the code table whether or
   * not it verifies, since acting on a forged error can only make us query again.
   */
  private async call(
    name: string,
    method: "GET" | "POST",
    pathAndQuery: string,
    body: unknown,
    sideEffect: boolean,
    /** Verifies a 2xx answer with keys it carries itself (the certificate download's bootstrap). */
    verifyWith?: (answer: Answer, json: unknown) => PlatformKeys,
  ): Promise<PaymentResult<{ status: number; json: unknown }>> {
    const text = body === undefined ? "" : JSON.stringify(body);
    const url = new URL(pathAndQuery, this.base);
    const canonicalUrl = `${url.pathname}${url.search}`;
    const authorization = authorizationHeader(this.signer, {
      method,
      canonicalUrl,
      timestamp: Math.floor(this.opts.clock.now() / 1000),
      nonce: nonceStr(),
      body: text,
    });
    const sent = await this.http.send({
      call: name,
      method,
      url: url.toString(),
      headers: {
        accept: "application/json",
        "user-agent": "cinegate-payments",
        authorization,
        ...(method === "POST" ? { "content-type": "application/json" } : {}),
      },
      ...(method === "POST" ? { body: text } : {}),
    });
    if (!sent.ok) {
      const error =
        !sideEffect && sent.error.code === "outcome_unknown"
          ? { ...sent.error, code: "provider_unavailable" as const }
          : sent.error;
      return { ok: false, error };
    }
    const answer: Answer = sent;
    if (answer.status >= 200 && answer.status < 300) {
      let json: unknown = {};
      if (answer.status !== 204 && answer.body !== "") {
        try {
          json = JSON.parse(answer.body);
        } catch {
          return refuse(sideEffect ? "outcome_unknown" : "provider_unavailable", "the answer is not JSON");
        }
      }
      let keys = this.platformKeys;
      if (verifyWith) {
        try {
          keys = verifyWith(answer, json);
        } catch (err) {
          return refuse("bad_signature", `the certificates do not decrypt or parse: ${(err as Error).message}`);
        }
      }
      const bad = this.verifySigned(answer, keys);
      if (bad) return { ok: false, error: { ...bad, httpStatus: answer.status } };
      return { ok: true, value: { status: answer.status, json } };
    }
    let code: string | undefined;
    let message: string | undefined;
    try {
      const err = JSON.parse(answer.body) as { code?: unknown; message?: unknown };
      if (typeof err.code === "string") code = err.code;
      if (typeof err.message === "string") message = err.message;
    } catch {
      // An unsigned HTML error page from a proxy: no code, judged by the status below.
    }
    if (code === undefined) {
      return refuse(
        answer.status >= 500 ? (sideEffect ? "outcome_unknown" : "provider_unavailable") : "invalid_request",
        `HTTP ${answer.status} without an error code`,
        `http_${answer.status}`,
        answer.status,
      );
    }
    return { ok: false, error: errorFor(WECHAT_V3_CODES, code, message, { sideEffect, httpStatus: answer.status }) };
  }

  /** Checks a response or notify signature; undefined when it verifies (§1.4). */
  private verifySigned(a: Answer, keys: PlatformKeys = this.platformKeys): PaymentError | undefined {
    const h = a.headers;
    const timestamp = h["wechatpay-timestamp"];
    const nonce = h["wechatpay-nonce"];
    const signature = h["wechatpay-signature"];
    const serial = h["wechatpay-serial"];
    if (!timestamp || !nonce || !signature || !serial) {
      return paymentError("bad_signature", "the answer carries no Wechatpay-* signature headers");
    }
    const type = h["wechatpay-signature-type"];
    if (type !== undefined && type !== SIGNATURE_TYPE) {
      return paymentError("bad_signature", `unsupported signature type ${type}`);
    }
    // WeChat's signature probes must fail verification (§1.4).
    if (signature.startsWith("WECHATPAY/SIGNTEST/")) return paymentError("bad_signature", "signature probe");
    const ts = Number(timestamp);
    if (!Number.isSafeInteger(ts) || Math.abs(this.opts.clock.now() / 1000 - ts) >= MAX_CLOCK_SKEW_S) {
      return paymentError("bad_signature", "Wechatpay-Timestamp is 5 minutes or more away from our clock");
    }
    const key = keys.get(serial);
    if (!key) {
      return paymentError(
        "bad_signature",
        `no WeChat Pay public key or platform certificate with id ${serial} is configured`,
        "unknown_serial",
      );
    }
    if (!rsaVerify(key, responseSignString(timestamp, nonce, a.body), signature)) {
      return paymentError("bad_signature", `the signature does not verify with key ${serial}`);
    }
    return undefined;
  }
}

function checkCreate(req: CreatePayment): PaymentError | undefined {
  const badNo = checkOutTradeNo(req.outTradeNo);
  if (badNo) return badNo.error;
  if (!isFen(req.amountFen)) return paymentError("invalid_request", "the amount must be a whole number of fen ≥ 1");
  if (req.description.length < 1 || req.description.length > 127) {
    return paymentError("invalid_request", "the description must be 1–127 characters");
  }
  if (req.attach !== undefined && req.attach.length > 127)
    return paymentError("invalid_request", "attach is at most 127 characters");
  if (!Number.isFinite(req.expiresAt)) return paymentError("invalid_request", "expiresAt must be a time");
  return undefined;
}

const lower = (h: Record<string, string | undefined>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (typeof v === "string") out[k.toLowerCase()] = v;
  return out;
};
