import type { RefundView, TradeState, TradeView } from "../provider.js";
import { fenOf, parseAlipayTime } from "./signing.js";

/** The fields of an `alipay.trade.query` answer and of a trade notify that we read (payments.md §4). */
export interface AlipayTrade {
  out_trade_no?: string;
  trade_no?: string;
  trade_status?: string;
  total_amount?: string;
  buyer_pay_amount?: string;
  receipt_amount?: string;
  /** Query: when the money went to the seller; present once the trade was paid. */
  send_pay_date?: string;
  /** Notify: when the buyer paid. */
  gmt_payment?: string;
  buyer_id?: string;
  buyer_user_id?: string;
  passback_params?: string;
  app_id?: string;
  seller_id?: string;
}

/**
 * §4's trade_status. TRADE_FINISHED is paid and no longer refundable. TRADE_CLOSED is either an
 * unpaid trade closed (time_expire, alipay.trade.close) or a paid trade refunded in full; the
 * payment time a paid one carries tells them apart.
 */
const TRADE_STATES: Record<string, TradeState> = {
  WAIT_BUYER_PAY: "pending",
  TRADE_SUCCESS: "paid",
  TRADE_FINISHED: "paid",
  TRADE_CLOSED: "closed",
};

export function tradeOf(t: AlipayTrade): TradeView {
  const word = t.trade_status ?? "WAIT_BUYER_PAY";
  const paidAt = parseAlipayTime(t.gmt_payment ?? t.send_pay_date);
  let state = TRADE_STATES[word] ?? "pending";
  if (state === "closed" && paidAt !== undefined) state = "refunded";
  const amountFen = fenOf(t.total_amount) ?? 0;
  const paid = state === "paid" || state === "refunded";
  const paidFen = fenOf(t.buyer_pay_amount) ?? fenOf(t.receipt_amount) ?? amountFen;
  let attach: string | undefined;
  if (t.passback_params) {
    try {
      attach = decodeURIComponent(t.passback_params);
    } catch {
      attach = t.passback_params;
    }
  }
  const payer = t.buyer_id ?? t.buyer_user_id;
  return {
    outTradeNo: t.out_trade_no ?? "",
    state,
    providerState: word,
    // The contract's transactionId is the paid trade's number; a waiting trade's trade_no is not kept.
    ...(t.trade_no && paid ? { transactionId: t.trade_no } : {}),
    amountFen,
    ...(paid ? { paidFen } : {}),
    ...(paidAt !== undefined ? { paidAt } : {}),
    ...(payer && paid ? { payerId: payer } : {}),
    ...(attach ? { attach } : {}),
    ...(t.app_id ? { appId: t.app_id } : {}),
    // The seller's PID (2088…): what a cinema's notify is checked against besides the app.
    ...(t.seller_id ? { mchId: t.seller_id } : {}),
  };
}

/** A refund from `alipay.trade.refund` (fund_change Y) or `alipay.trade.fastpay.refund.query`. */
export function refundOf(
  r: { out_trade_no: string; out_request_no: string; gmt_refund_pay?: string },
  word: "REFUND_SUCCESS" | "PROCESSING",
  refundFen: number,
  totalFen: number,
  fallbackAt: number | undefined,
): RefundView {
  const at = parseAlipayTime(r.gmt_refund_pay) ?? (word === "REFUND_SUCCESS" ? fallbackAt : undefined);
  return {
    outRefundNo: r.out_request_no,
    outTradeNo: r.out_trade_no,
    state: word === "REFUND_SUCCESS" ? "succeeded" : "processing",
    providerState: word,
    refundFen,
    totalFen,
    ...(at !== undefined ? { succeededAt: at } : {}),
  };
}
