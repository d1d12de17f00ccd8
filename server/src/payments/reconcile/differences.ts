import type { PaymentState, RefundRecordState } from "../../domain/payment-states.js";
import type { PaymentError } from "../codes.js";
import type { PaymentResult, RefundView, TradeState, TradeView } from "../provider.js";

/**
 * What a reconciliation can find wrong between our records and the merchant's. Each kind is a
 * different thing for support to do, so each is its own word; messages are in Chinese (support
 * staff's language) with English beside, like the payment-config check's findings.
 */
export const DIFFERENCE_KINDS = [
  /** We hold a trade the merchant has never heard of (and money is said to have moved). */
  "missing_at_merchant",
  /**
   * The merchant has a trade we hold no record of. Only a trade bill can show it, and neither the
   * protocol notes nor the simulator have one yet (docs/payments.md): no run produces it today.
   */
  "missing_here",
  /** Both know the trade, in states that cannot both be true (we say REFUNDED, it says SUCCESS). */
  "state_differs",
  /** Both know the trade, for different amounts. */
  "amount_differs",
  /** We hold a refund (under way or done) the merchant does not know. */
  "refund_missing_at_merchant",
  /** Both know the refund, in states that cannot both be true. */
  "refund_state_differs",
  /** Both know the refund, for different amounts. */
  "refund_amount_differs",
  /** The merchant could not be asked about this trade or refund: it is unchecked, not clean. */
  "query_failed",
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export interface Difference {
  kind: DifferenceKind;
  outTradeNo: string;
  outRefundNo?: string;
  ours: Record<string, unknown>;
  theirs: Record<string, unknown>;
  message: { zh: string; en: string };
}

/** The payment as we hold it: only what is compared. */
export interface OurPayment {
  outTradeNo: string;
  state: PaymentState;
  amountFen: number;
  paidFen: number | null;
  /** The provider made the trade (we hold its pay parameters): if not, it may rightly not exist there. */
  createdAtProvider: boolean;
}

export interface OurRefund {
  outRefundNo: string;
  outTradeNo: string;
  state: RefundRecordState;
  amountFen: number;
}

/**
 * The merchant states each of ours may meet without anything being wrong. A trade we closed may
 * still read NOTPAY for a moment; a refund under way leaves the trade SUCCESS until it settles.
 */
const AGREEING: Record<PaymentState, readonly TradeState[]> = {
  CREATED: ["pending"],
  CLOSED: ["closed", "pending", "failed"],
  PAID: ["paid"],
  REFUNDING: ["paid", "refunded"],
  REFUNDED: ["refunded"],
};

const ZH_STATE: Record<TradeState, string> = {
  pending: "未支付",
  paid: "支付成功",
  closed: "已关闭",
  refunded: "转入退款",
  failed: "支付失败",
};

const failed = (
  outTradeNo: string,
  error: PaymentError,
  ours: Record<string, unknown>,
  outRefundNo?: string,
): Difference => ({
  kind: "query_failed",
  outTradeNo,
  ...(outRefundNo ? { outRefundNo } : {}),
  ours,
  theirs: { error: error.code, ...(error.providerCode ? { providerCode: error.providerCode } : {}) },
  message: {
    zh: `无法向商户查询${outRefundNo ? `退款 ${outRefundNo}` : `订单 ${outTradeNo}`}（${error.code}），本次未核对，请稍后重新对账`,
    en: `the merchant could not be asked about ${outRefundNo ? `refund ${outRefundNo}` : `trade ${outTradeNo}`} (${error.code}); it is unchecked, run the reconciliation again later`,
  },
});

/** Compares one payment with the merchant's answer to a query of it. */
export function compareTrade(ours: OurPayment, answer: PaymentResult<TradeView>): Difference[] {
  const mine = {
    state: ours.state,
    amountFen: ours.amountFen,
    ...(ours.paidFen !== null ? { paidFen: ours.paidFen } : {}),
  };
  if (!answer.ok) {
    if (answer.error.code !== "not_found") return [failed(ours.outTradeNo, answer.error, mine)];
    // A trade never created at the provider (its create failed) and never paid is rightly unknown there.
    if (!ours.createdAtProvider && (ours.state === "CREATED" || ours.state === "CLOSED")) return [];
    return [
      {
        kind: "missing_at_merchant",
        outTradeNo: ours.outTradeNo,
        ours: mine,
        theirs: { found: false },
        message: {
          zh: `我方记录的订单 ${ours.outTradeNo}（${ours.state}）在商户侧不存在：请核对商户号配置，或确认该笔是否实际下单`,
          en: `trade ${ours.outTradeNo} (${ours.state} here) does not exist at the merchant: check the merchant configuration, or whether it was ever placed`,
        },
      },
    ];
  }
  const t = answer.value;
  const theirs = {
    state: t.state,
    providerState: t.providerState,
    amountFen: t.amountFen,
    ...(t.paidFen !== undefined ? { paidFen: t.paidFen } : {}),
    ...(t.transactionId ? { transactionId: t.transactionId } : {}),
  };
  const out: Difference[] = [];
  if (!AGREEING[ours.state].includes(t.state)) {
    out.push({
      kind: "state_differs",
      outTradeNo: ours.outTradeNo,
      ours: mine,
      theirs,
      message: {
        zh: `订单 ${ours.outTradeNo} 状态不一致：我方为 ${ours.state}，商户侧为 ${t.providerState}（${ZH_STATE[t.state]}）${
          t.state === "paid" ? "，买家的钱已到商户，请核实并退款或出票" : ""
        }`,
        en: `trade ${ours.outTradeNo} differs: ${ours.state} here, ${t.providerState} at the merchant${
          t.state === "paid" ? "; the buyer's money is at the merchant: check it and refund or issue" : ""
        }`,
      },
    });
  }
  const amountDiffers = t.amountFen !== ours.amountFen;
  const paidDiffers = ours.paidFen !== null && t.paidFen !== undefined && t.paidFen !== ours.paidFen;
  if (amountDiffers || paidDiffers) {
    const [o, m] = amountDiffers ? [ours.amountFen, t.amountFen] : [ours.paidFen, t.paidFen];
    out.push({
      kind: "amount_differs",
      outTradeNo: ours.outTradeNo,
      ours: mine,
      theirs,
      message: {
        zh: `订单 ${ours.outTradeNo} 金额不一致：我方 ${o} 分，商户侧 ${m} 分`,
        en: `trade ${ours.outTradeNo} amount differs: ${o} fen here, ${m} fen at the merchant`,
      },
    });
  }
  return out;
}

/** The merchant refund states each of ours may meet without anything being wrong. */
const REFUND_AGREEING: Record<RefundRecordState, readonly RefundView["state"][]> = {
  PENDING: ["processing", "closed", "abnormal"],
  PROCESSING: ["processing"],
  SUCCEEDED: ["succeeded"],
  // A person decides a flagged refund: whatever the merchant says but "the money is back" is known.
  FLAGGED: ["processing", "closed", "abnormal"],
};

/** Compares one refund with the merchant's answer to a refund query. */
export function compareRefund(ours: OurRefund, answer: PaymentResult<RefundView>): Difference[] {
  const mine = { state: ours.state, amountFen: ours.amountFen };
  if (!answer.ok) {
    if (answer.error.code !== "not_found") return [failed(ours.outTradeNo, answer.error, mine, ours.outRefundNo)];
    // Never accepted by the provider: a PENDING or FLAGGED refund may rightly be unknown there.
    if (ours.state === "PENDING" || ours.state === "FLAGGED") return [];
    return [
      {
        kind: "refund_missing_at_merchant",
        outTradeNo: ours.outTradeNo,
        outRefundNo: ours.outRefundNo,
        ours: mine,
        theirs: { found: false },
        message: {
          zh: `退款 ${ours.outRefundNo}（订单 ${ours.outTradeNo}）我方记为 ${ours.state}，商户侧查无此退款：买家可能未收到退款，请重新发起`,
          en: `refund ${ours.outRefundNo} of trade ${ours.outTradeNo} is ${ours.state} here but unknown at the merchant: the buyer may not have been repaid; refund again`,
        },
      },
    ];
  }
  const r = answer.value;
  const theirs = { state: r.state, providerState: r.providerState, refundFen: r.refundFen };
  const out: Difference[] = [];
  if (!REFUND_AGREEING[ours.state].includes(r.state)) {
    out.push({
      kind: "refund_state_differs",
      outTradeNo: ours.outTradeNo,
      outRefundNo: ours.outRefundNo,
      ours: mine,
      theirs,
      message: {
        zh: `退款 ${ours.outRefundNo} 状态不一致：我方为 ${ours.state}，商户侧为 ${r.providerState}`,
        en: `refund ${ours.outRefundNo} differs: ${ours.state} here, ${r.providerState} at the merchant`,
      },
    });
  }
  if (r.refundFen !== ours.amountFen) {
    out.push({
      kind: "refund_amount_differs",
      outTradeNo: ours.outTradeNo,
      outRefundNo: ours.outRefundNo,
      ours: mine,
      theirs,
      message: {
        zh: `退款 ${ours.outRefundNo} 金额不一致：我方 ${ours.amountFen} 分，商户侧 ${r.refundFen} 分`,
        en: `refund ${ours.outRefundNo} amount differs: ${ours.amountFen} fen here, ${r.refundFen} fen at the merchant`,
      },
    });
  }
  return out;
}
