import { type PaymentError, paymentError } from "./codes.js";

/**
 * The one contract every payment provider (WeChat Pay v3, WeChat Pay v2, Alipay) implements for one
 * cinema's merchant. The saga and the admin check talk to this interface only, so a provider can be
 * swapped per cinema by its stored configuration. Amounts are integer fen everywhere; a provider that
 * speaks yuan (Alipay) converts at its own edge.
 *
 * Business outcomes are values (`PaymentResult`), never exceptions: only bugs throw.
 */
export interface PaymentProvider {
  readonly kind: PaymentProviderKind;
  /** Creates the provider-side trade (WeChat JSAPI prepay) and the parameters the buyer's page needs. */
  create(req: CreatePayment): Promise<PaymentResult<CreatedPayment>>;
  /** The trade as the provider sees it now. A trade the provider has never heard of is `not_found`. */
  query(outTradeNo: string): Promise<PaymentResult<TradeView>>;
  /** Closes an unpaid trade. Closing an already closed trade succeeds; a paid one is `order_paid`. */
  close(outTradeNo: string): Promise<PaymentResult<void>>;
  /** Asks for a refund. Repeating with the same `outRefundNo` is the provider's idempotent retry. */
  refund(req: RefundRequest): Promise<PaymentResult<RefundView>>;
  queryRefund(outRefundNo: string, outTradeNo: string): Promise<PaymentResult<RefundView>>;
  /**
   * Verifies a notify exactly as received (raw body, headers lower-cased) and decodes it. A notify
   * that fails verification is `bad_signature` and must be answered with `notifyAnswer(false)`.
   */
  verifyNotify(notify: IncomingNotify): Promise<PaymentResult<PaymentNotice>>;
  /** The HTTP answer the provider documents for a notify we accepted (true) or refused (false). */
  notifyAnswer(accepted: boolean): NotifyAnswer;
  /** Releases the provider's connections. */
  dispose(): Promise<void>;
}

export type PaymentProviderKind = "wechat_v3" | "wechat_v2" | "alipay";

export type PaymentResult<T> = { ok: true; value: T } | { ok: false; error: PaymentError };

export interface CreatePayment {
  /** Our payment number, `[A-Za-z0-9_-]{6,32}` (the portable set of payments.md §1.2). */
  outTradeNo: string;
  description: string;
  amountFen: number;
  /** The buyer's openid under the cinema's AppID (WeChat JSAPI); unused by Alipay WAP. */
  openid?: string;
  /** The last moment the buyer may pay: the seat lock's deadline (payments.md §1.9). */
  expiresAt: number;
  notifyUrl: string;
  /** Echoed back by the provider once paid (≤ 127 characters, the v2 limit). */
  attach?: string;
  /** The buyer's IP (v2 `spbill_create_ip` is required). */
  clientIp?: string;
  /** Where Alipay's cashier returns the buyer to when they give up (`quit_url`). */
  returnUrl?: string;
}

/** What the buyer's page needs to start paying. */
export type PayParams =
  | {
      kind: "wechat_jsapi";
      /** Exactly the object for `WeixinJSBridge.invoke('getBrandWCPayRequest', …)` (payments.md §1.6). */
      bridge: {
        appId: string;
        timeStamp: string;
        nonceStr: string;
        package: string;
        signType: "RSA" | "MD5" | "HMAC-SHA256";
        paySign: string;
      };
    }
  | { kind: "redirect"; url: string };

export interface CreatedPayment {
  /** WeChat's prepay_id (valid 2 h); absent for Alipay, which creates its trade only when the buyer pays. */
  prepayId?: string;
  payParams: PayParams;
}

/** Provider trade states mapped to ours (payments.md §1.8, §2 orderquery, §4 trade_status). */
export type TradeState = "pending" | "paid" | "closed" | "refunded" | "failed";

export interface TradeView {
  outTradeNo: string;
  state: TradeState;
  /** The provider's own state word, kept for support staff. */
  providerState: string;
  /** The provider's trade number (WeChat transaction_id, Alipay trade_no), once paid. */
  transactionId?: string;
  amountFen: number;
  /** What the buyer actually paid, once paid. */
  paidFen?: number;
  paidAt?: number;
  payerId?: string;
  attach?: string;
  /** Who the trade belongs to, to check a notify against the cinema's configuration. */
  appId?: string;
  mchId?: string;
}

export interface RefundRequest {
  outTradeNo: string;
  /** Reuse it for every retry of the same refund (payments.md §1.9). */
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason?: string;
  notifyUrl?: string;
}

export type RefundState = "processing" | "succeeded" | "closed" | "abnormal";

export interface RefundView {
  outRefundNo: string;
  outTradeNo: string;
  refundId?: string;
  state: RefundState;
  providerState: string;
  refundFen: number;
  totalFen: number;
  succeededAt?: number;
}

export interface IncomingNotify {
  /** Header names lower-cased, as Node gives them. */
  headers: Record<string, string | undefined>;
  /** The raw body exactly as received: signatures cover bytes, not a re-serialised object. */
  body: string;
}

export type PaymentNotice =
  | { kind: "payment"; notifyId?: string; trade: TradeView }
  | { kind: "refund"; notifyId?: string; refund: RefundView };

export interface NotifyAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Our payment-number shape: portable across WeChat v3, v2 and Alipay (payments.md §1.2). */
export const OUT_TRADE_NO = /^[A-Za-z0-9_-]{6,32}$/;
/** WeChat's out_refund_no characters (payments.md §1.9), ≤ 64. */
export const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

/** A positive whole number of fen that JSON carries exactly. */
export const isFen = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 1;

/** A refused request, as every provider method returns one. */
export type Refusal = { ok: false; error: PaymentError };

/** Every client's way to refuse, before a call or on reading its answer. */
export const refuse = (
  code: PaymentError["code"],
  message: string,
  providerCode?: string,
  httpStatus?: number,
): Refusal => ({
  ok: false,
  error: { ...paymentError(code, message, providerCode), ...(httpStatus !== undefined ? { httpStatus } : {}) },
});

/*
 * The input rules the three providers share, checked before any call: the refusal, or undefined when
 * the input is fine. `field` names the provider's refund number in the message (WeChat's
 * out_refund_no, Alipay's out_request_no).
 */
export const checkOutTradeNo = (outTradeNo: string): Refusal | undefined =>
  OUT_TRADE_NO.test(outTradeNo) ? undefined : refuse("invalid_request", "out_trade_no must be [A-Za-z0-9_-]{6,32}");

export const checkOutRefundNo = (outRefundNo: string, field = "out_refund_no"): Refusal | undefined =>
  OUT_REFUND_NO.test(outRefundNo) ? undefined : refuse("invalid_request", `${field} must be [0-9A-Za-z_-|*@]{1,64}`);

export const checkRefund = (req: RefundRequest, field?: string): Refusal | undefined =>
  checkOutTradeNo(req.outTradeNo) ??
  checkOutRefundNo(req.outRefundNo, field) ??
  (isFen(req.refundFen) && isFen(req.totalFen) && req.refundFen <= req.totalFen
    ? undefined
    : refuse("invalid_request", "refund and total must be whole fen ≥ 1, refund ≤ total"));
