import type { RefundState, RefundView, TradeState, TradeView } from "../provider.js";

/** The Transaction object of a query and of a decrypted payment notify (payments.md §1.8). */
export interface V3Transaction {
  appid?: string;
  mchid?: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  trade_state_desc?: string;
  attach?: string;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total?: number; payer_total?: number; currency?: string };
}

/** The Refund object of the refund API (`status`) and of a refund notify (`refund_status`) (§1.7, §1.9). */
export interface V3Refund {
  out_refund_no: string;
  out_trade_no: string;
  refund_id?: string;
  status?: string;
  refund_status?: string;
  success_time?: string;
  amount?: { total?: number; refund?: number };
}

/**
 * §1.8's trade_state table. REVOKED/USERPAYING are payment-code states: not final, so still pending.
 * v2's orderquery answers the same seven words (§2), so the v2 client reads them with this table too.
 */
export const WECHAT_TRADE_STATES: Record<string, TradeState> = {
  NOTPAY: "pending",
  USERPAYING: "pending",
  SUCCESS: "paid",
  CLOSED: "closed",
  REVOKED: "closed",
  REFUND: "refunded",
  PAYERROR: "failed",
};

const REFUND_STATES: Record<string, RefundState> = {
  PROCESSING: "processing",
  SUCCESS: "succeeded",
  CLOSED: "closed",
  ABNORMAL: "abnormal",
};

export function tradeView(t: V3Transaction): TradeView {
  const paidAt = t.success_time ? Date.parse(t.success_time) : Number.NaN;
  return {
    outTradeNo: t.out_trade_no,
    state: WECHAT_TRADE_STATES[t.trade_state] ?? "pending",
    providerState: t.trade_state,
    ...(t.transaction_id ? { transactionId: t.transaction_id } : {}),
    amountFen: t.amount?.total ?? 0,
    ...(t.amount?.payer_total !== undefined ? { paidFen: t.amount.payer_total } : {}),
    ...(Number.isFinite(paidAt) ? { paidAt } : {}),
    ...(t.payer?.openid ? { payerId: t.payer.openid } : {}),
    ...(t.attach ? { attach: t.attach } : {}),
    ...(t.appid ? { appId: t.appid } : {}),
    ...(t.mchid ? { mchId: t.mchid } : {}),
  };
}

export function refundView(r: V3Refund): RefundView {
  const word = r.status ?? r.refund_status ?? "PROCESSING";
  const at = r.success_time ? Date.parse(r.success_time) : Number.NaN;
  return {
    outRefundNo: r.out_refund_no,
    outTradeNo: r.out_trade_no,
    ...(r.refund_id ? { refundId: r.refund_id } : {}),
    state: REFUND_STATES[word] ?? "processing",
    providerState: word,
    refundFen: r.amount?.refund ?? 0,
    totalFen: r.amount?.total ?? 0,
    ...(Number.isFinite(at) ? { succeededAt: at } : {}),
  };
}
