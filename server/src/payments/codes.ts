/**
 * The closed vocabulary every payment provider maps its codes into, and each provider's table.
 * Sections cite `vendor-docs/payments.md`. Like the vendor connectors' tables
 * (vendors/ykse/codes.ts), a code marked `ambiguous` means the provider did not finish answering:
 * on a call with a side effect (create, close, refund) the operation may have happened, so it
 * becomes `outcome_unknown` and is settled by the documented query, never by guessing.
 */
export const paymentErrorCodes = [
  /** Our request is malformed or breaks a documented rule (amount 0, re-entry with other parameters). */
  "invalid_request",
  /** The provider refused our signature or key (wrong private key, serial, API key, clock). */
  "auth_failed",
  /** The merchant configuration is wrong: AppID not bound to the 商户号, product not enabled … */
  "config_error",
  "not_found",
  /** The trade is already paid (closing it, or ordering again, fails). */
  "order_paid",
  /** The trade is closed: pay again under a new out_trade_no. */
  "order_closed",
  "rate_limited",
  "provider_unavailable",
  /** Sent, no complete answer: the call may have taken effect. */
  "outcome_unknown",
  /** A refund the provider will not make (balance too low, account abnormal, too late …). */
  "refund_refused",
  /** A response or notify whose signature or encryption does not verify: never trust its content. */
  "bad_signature",
] as const;

export type PaymentErrorCode = (typeof paymentErrorCodes)[number];

export interface PaymentError {
  code: PaymentErrorCode;
  /** The provider's own code, for support staff. */
  providerCode?: string;
  message: string;
  /** The provider's HTTP status, when there was one. */
  httpStatus?: number;
}

export interface PaymentCodeEntry {
  message: string;
  standard: PaymentErrorCode | "ok";
  ambiguous?: boolean;
  /** Where in payments.md the code is documented. */
  sections: string[];
}

const e = (
  message: string,
  standard: PaymentCodeEntry["standard"],
  sections: string[],
  ambiguous?: boolean,
): PaymentCodeEntry => ({ message, standard, sections, ...(ambiguous ? { ambiguous } : {}) });

/**
 * WeChat Pay API v3 error `code`s (payments.md §1.10, §1.9, §7). The current names and the old
 * ones (SYSTEMERROR, ORDERNOTEXIST …) both appear: §1.10 says clients must accept both spellings.
 */
export const WECHAT_V3_CODES: Record<string, PaymentCodeEntry> = {
  PARAM_ERROR: e("参数错误 — format or range wrong", "invalid_request", ["1.10"]),
  INVALID_REQUEST: e("请求不符合业务规则 (re-entry with other parameters, refund over the amount)", "invalid_request", [
    "1.10",
    "1.2",
  ]),
  APPID_MCHID_NOT_MATCH: e("AppID 与商户号未绑定", "config_error", ["1.10"]),
  MCH_NOT_EXISTS: e("商户号不存在", "config_error", ["1.10"]),
  ORDER_CLOSED: e("订单已关闭 — order again with a new out_trade_no", "order_closed", ["1.10"]),
  ORDERCLOSED: e("订单已关闭 (old spelling)", "order_closed", ["1.10"]),
  SIGN_ERROR: e("签名错误 — Authorization, serial, clock or body mismatch", "auth_failed", ["1.10", "1.3"]),
  SIGNERROR: e("签名错误 (old spelling)", "auth_failed", ["1.10"]),
  NO_AUTH: e("商户无权限 — product not enabled or merchant restricted", "config_error", ["1.10"]),
  NOAUTH: e("商户无权限 (old spelling)", "config_error", ["1.10"]),
  OUT_TRADE_NO_USED: e("商户订单号重复", "invalid_request", ["1.10"]),
  TRADE_ERROR: e("交易错误", "refund_refused", ["1.10"]),
  RULE_LIMIT: e("业务规则限制", "refund_refused", ["1.10"]),
  RULELIMIT: e("业务规则限制 (old spelling)", "refund_refused", ["1.10"]),
  ACCOUNT_ERROR: e("账户异常", "refund_refused", ["1.10"]),
  ACCOUNTERROR: e("账户异常 (old spelling)", "refund_refused", ["1.10"]),
  NOT_ENOUGH: e("商户余额不足 — the refund cannot be paid now", "refund_refused", ["1.10"]),
  NOTENOUGH: e("商户余额不足 (old spelling)", "refund_refused", ["1.10"]),
  USER_ACCOUNT_ABNORMAL: e("用户账户异常 — refund offline", "refund_refused", ["1.10"]),
  ORDER_NOT_EXIST: e("订单不存在", "not_found", ["1.10"]),
  ORDERNOTEXIST: e("订单不存在 (old spelling)", "not_found", ["1.10"]),
  RESOURCE_NOT_EXISTS: e("退款单或订单不存在 / 未支付", "not_found", ["1.10"]),
  FREQUENCY_LIMITED: e("频率超限 (or closing while the buyer pays) — query before retrying", "rate_limited", [
    "1.10",
    "1.9",
  ]),
  RATELIMIT_EXCEEDED: e("频率超限 (global doc name)", "rate_limited", ["1.10"]),
  SYSTEM_ERROR: e("系统错误 — retry with the same parameters", "provider_unavailable", ["1.10"], true),
  SYSTEMERROR: e("系统错误 (old spelling)", "provider_unavailable", ["1.10"], true),
  BANK_ERROR: e("银行系统异常 — retry with the same parameters", "provider_unavailable", ["1.10"], true),
  BANKERROR: e("银行系统异常 (old spelling)", "provider_unavailable", ["1.10"], true),
  OPENID_MISMATCH: e("openid 与 AppID 不匹配", "invalid_request", ["1.10", "1.2"]),
  INVALID_TRANSACTIONID: e("微信订单号非法", "invalid_request", ["1.10"]),
  USER_PAYING: e("用户支付中 (payment-code only)", "provider_unavailable", ["1.10"], true),
  USERPAYING: e("用户支付中 (old spelling)", "provider_unavailable", ["1.10"], true),
  ORDERPAID: e("订单已支付 (observed, not in the current table)", "order_paid", ["1.9", "7"]),
  ORDER_PAID: e("订单已支付", "order_paid", ["1.9", "7"]),
};

/**
 * WeChat Pay API v2 `err_code`s (payments.md §2: 统一下单, 关闭订单, 申请退款 error lists) and the
 * transport-level `return_msg` failures (`certificate not match`).
 */
export const WECHAT_V2_CODES: Record<string, PaymentCodeEntry> = {
  SUCCESS: e("成功", "ok", ["2"]),
  INVALID_REQUEST: e("参数错误 / 重入参数不一致", "invalid_request", ["2"]),
  NOAUTH: e("商户无此接口权限", "config_error", ["2"]),
  NOTENOUGH: e("余额不足", "refund_refused", ["2"]),
  ORDERPAID: e("订单已支付，不能发起关单，请当作已支付的正常交易", "order_paid", ["2"]),
  ORDERCLOSED: e("订单已关闭", "order_closed", ["2"]),
  SYSTEMERROR: e("系统错误 — retry with the same parameters", "provider_unavailable", ["2"], true),
  BIZERR_NEED_RETRY: e("退款业务流程错误，需要商户触发重试", "provider_unavailable", ["2"], true),
  APPID_NOT_EXIST: e("AppID 不存在", "config_error", ["2"]),
  MCHID_NOT_EXIST: e("商户号不存在", "config_error", ["2"]),
  APPID_MCHID_NOT_MATCH: e("AppID 与商户号不匹配", "config_error", ["2"]),
  LACK_PARAMS: e("缺少参数", "invalid_request", ["2"]),
  OUT_TRADE_NO_USED: e("商户订单号重复", "invalid_request", ["2"]),
  SIGNERROR: e("签名错误 — check the API key and sign_type", "auth_failed", ["2"]),
  XML_FORMAT_ERROR: e("XML 格式错误", "invalid_request", ["2"]),
  REQUIRE_POST_METHOD: e("请使用 POST 方法", "invalid_request", ["2"]),
  POST_DATA_EMPTY: e("POST 数据为空", "invalid_request", ["2"]),
  NOT_UTF8: e("编码格式错误", "invalid_request", ["2"]),
  TRADE_OVERDUE: e("订单已经超过退款期限", "refund_refused", ["2"]),
  ERROR: e("业务错误", "refund_refused", ["2"]),
  USER_ACCOUNT_ABNORMAL: e("退款请求失败 — 用户账户异常", "refund_refused", ["2"]),
  INVALID_REQ_TOO_MUCH: e("无效请求过多", "rate_limited", ["2"]),
  INVALID_TRANSACTIONID: e("无效 transaction_id", "invalid_request", ["2"]),
  PARAM_ERROR: e("参数错误", "invalid_request", ["2"]),
  ORDERNOTEXIST: e("订单不存在", "not_found", ["2"]),
  REFUNDNOTEXIST: e("退款订单不存在", "not_found", ["2"]),
  FREQUENCY_LIMITED: e("频率限制", "rate_limited", ["2"]),
  "certificate not match": e("商户证书与商户号不匹配 (return_msg)", "auth_failed", ["2"]),
};

/**
 * Alipay OpenAPI 2.0 answers (payments.md §4): a top-level `code` (10000 is success) and, on a
 * failure, a `sub_code` that says what happened. The client looks the `sub_code` up first and
 * falls back to the `code`. payments.md documents 10000, 40004 and `ACQ.TRADE_NOT_EXIST` (and "`sub_code`
 * `ACQ.*`"); the other entries are Alipay's public gateway and trade error lists, which payments.md does
 * not reproduce: they cite no section and the simulator emits only those the client must tell apart.
 */
export const ALIPAY_CODES: Record<string, PaymentCodeEntry> = {
  "10000": e("接口调用成功", "ok", ["4"]),
  "20000": e("服务不可用 — retry with the same parameters", "provider_unavailable", [], true),
  "20001": e("授权权限不足 (app_auth_token / auth_token)", "auth_failed", []),
  "40001": e("缺少必选参数", "invalid_request", []),
  "40002": e("非法的参数", "invalid_request", []),
  "40004": e("业务处理失败 — see sub_code", "invalid_request", ["4"]),
  "40006": e("权限不足 — the product is not signed for this app", "config_error", []),
  "ACQ.TRADE_NOT_EXIST": e(
    "交易不存在 — for a WAP trade: the buyer has not paid yet (§4: treat as pending, not failed)",
    "not_found",
    ["4"],
  ),
  "isv.invalid-signature": e(
    "验签出错 — the app public key registered with Alipay is not our private key's",
    "auth_failed",
    [],
  ),
  "isv.missing-signature": e("缺少签名参数", "auth_failed", []),
  "isv.invalid-signature-type": e("无效的签名类型 (use RSA2)", "config_error", []),
  "isv.invalid-app-id": e("无效的 AppID 参数", "config_error", []),
  "isv.invalid-timestamp": e("非法的时间戳参数 — check the server clock", "auth_failed", []),
  "isv.invalid-method": e("不存在的方法名", "invalid_request", []),
  "isv.insufficient-isv-permissions": e("ISV 权限不足 — the product is not signed", "config_error", []),
  "ACQ.SYSTEM_ERROR": e("系统错误 — retry with the same parameters", "provider_unavailable", [], true),
  "ACQ.INVALID_PARAMETER": e("参数无效", "invalid_request", []),
  "ACQ.ACCESS_FORBIDDEN": e("无权限使用接口", "config_error", []),
  "ACQ.TRADE_STATUS_ERROR": e(
    "交易状态不合法 (closing a paid or closed trade; refunding a closed one)",
    "invalid_request",
    [],
  ),
  "ACQ.TRADE_HAS_CLOSE": e("交易已经关闭", "order_closed", []),
  "ACQ.TRADE_HAS_SUCCESS": e("交易已被支付", "order_paid", []),
  "ACQ.TRADE_HAS_FINISHED": e("交易已完结 — no refund any more", "refund_refused", []),
  "ACQ.SELLER_BALANCE_NOT_ENOUGH": e("卖家余额不足", "refund_refused", []),
  "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL": e("退款金额超限 (more than paid)", "invalid_request", []),
  "ACQ.REASON_TRADE_BEEN_FREEZEN": e("交易已冻结", "refund_refused", []),
  "ACQ.DISCORDANT_REPEAT_REQUEST": e("请求重复但参数不一致", "invalid_request", []),
  "ACQ.REASON_TRADE_REFUND_FEE_ERR": e("退款金额无效", "invalid_request", []),
  "ACQ.CONTEXT_INCONSISTENT": e("交易信息被篡改 (the same out_trade_no with other parameters)", "invalid_request", []),
  "ACQ.TRADE_NOT_ALLOW_REFUND": e("当前交易不允许退款", "refund_refused", []),
};

/** A code's entry, or an unknown code treated as the provider's fault (and ambiguous for writes). */
export function lookupCode(table: Record<string, PaymentCodeEntry>, code: string | undefined): PaymentCodeEntry {
  return (
    (code !== undefined ? table[code] : undefined) ??
    e(`unknown code ${code ?? "(none)"}`, "provider_unavailable", [], true)
  );
}

/**
 * The error for a provider code: an ambiguous code on a call with a side effect becomes
 * `outcome_unknown`, on a read `provider_unavailable`.
 */
export function errorFor(
  table: Record<string, PaymentCodeEntry>,
  code: string | undefined,
  message: string | undefined,
  opts: { sideEffect: boolean; httpStatus?: number },
): PaymentError {
  const entry = lookupCode(table, code);
  const standard: PaymentErrorCode =
    entry.standard === "ok"
      ? "provider_unavailable"
      : entry.ambiguous && opts.sideEffect
        ? "outcome_unknown"
        : entry.standard;
  return {
    code: standard,
    ...(code !== undefined ? { providerCode: code } : {}),
    message: message ? `${message} (${entry.message})` : entry.message,
    ...(opts.httpStatus !== undefined ? { httpStatus: opts.httpStatus } : {}),
  };
}

export const paymentError = (code: PaymentErrorCode, message: string, providerCode?: string): PaymentError => ({
  code,
  message,
  ...(providerCode !== undefined ? { providerCode } : {}),
});
