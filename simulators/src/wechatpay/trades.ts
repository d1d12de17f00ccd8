import { randomBytes } from "node:crypto";

/**
 * Trades and refunds of every merchant, shared by the v3 JSON and v2 XML front doors (payments.md
 * §2: "both front doors sharing one order store"). State machine of §1.8: NOTPAY → SUCCESS | CLOSED,
 * SUCCESS → REFUND once a refund is made.
 */
export type TradeState = "NOTPAY" | "SUCCESS" | "CLOSED" | "REFUND";

export interface Trade {
  mchId: string;
  appId: string;
  outTradeNo: string;
  description: string;
  totalFen: number;
  openid: string;
  notifyUrl: string;
  attach?: string;
  /** Epoch ms; the last moment the buyer can pay (§1.9). */
  timeExpire: number;
  createdAt: number;
  prepayId: string;
  state: TradeState;
  transactionId?: string;
  successTime?: number;
  /** The parameters of the first request, for re-entry (§1.2). */
  fingerprint: string;
  /** Which front door created it: the notify speaks the same protocol. */
  api: "v3" | "v2";
  refundedFen: number;
}

export type RefundStatus = "PROCESSING" | "SUCCESS" | "CLOSED" | "ABNORMAL";

export interface Refund {
  mchId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refundId: string;
  refundFen: number;
  totalFen: number;
  reason?: string;
  notifyUrl?: string;
  status: RefundStatus;
  createdAt: number;
  /** When PROCESSING turns SUCCESS (simulated time). */
  settlesAt: number;
  successTime?: number;
  fingerprint: string;
  api: "v3" | "v2";
}

/** §1.9: at most 50 partial refunds per trade. */
export const MAX_REFUNDS_PER_TRADE = 50;

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join("");

export class TradeBook {
  private readonly trades = new Map<string, Trade>();
  private readonly refunds = new Map<string, Refund>();

  private key = (mchId: string, no: string) => `${mchId}/${no}`;

  trade(mchId: string, outTradeNo: string): Trade | undefined {
    return this.trades.get(this.key(mchId, outTradeNo));
  }

  tradeByTransaction(mchId: string, transactionId: string): Trade | undefined {
    for (const t of this.trades.values()) if (t.mchId === mchId && t.transactionId === transactionId) return t;
    return undefined;
  }

  refund(mchId: string, outRefundNo: string): Refund | undefined {
    return this.refunds.get(this.key(mchId, outRefundNo));
  }

  refundsOf(t: Trade): Refund[] {
    return [...this.refunds.values()].filter((r) => r.mchId === t.mchId && r.outTradeNo === t.outTradeNo);
  }

  allTrades(): Trade[] {
    return [...this.trades.values()];
  }

  allRefunds(): Refund[] {
    return [...this.refunds.values()];
  }

  addTrade(t: Omit<Trade, "prepayId" | "state" | "refundedFen">): Trade {
    const trade: Trade = { ...t, prepayId: `wx${digits(30)}`, state: "NOTPAY", refundedFen: 0 };
    this.trades.set(this.key(t.mchId, t.outTradeNo), trade);
    return trade;
  }

  /** A fresh prepay_id for an identical re-entry (§1.2). */
  renewPrepay(t: Trade): string {
    t.prepayId = `wx${digits(30)}`;
    return t.prepayId;
  }

  pay(t: Trade, now: number): void {
    t.state = "SUCCESS";
    t.transactionId = `4200${digits(24)}`;
    t.successTime = now;
  }

  addRefund(t: Trade, r: Omit<Refund, "refundId" | "status" | "transactionId" | "mchId" | "outTradeNo">): Refund {
    const refund: Refund = {
      ...r,
      mchId: t.mchId,
      outTradeNo: t.outTradeNo,
      transactionId: t.transactionId ?? "",
      refundId: `50${digits(30)}`,
      status: "PROCESSING",
    };
    this.refunds.set(this.key(t.mchId, r.outRefundNo), refund);
    t.refundedFen += r.refundFen;
    t.state = "REFUND";
    return refund;
  }

  /** Refunds whose time has come turn SUCCESS; returns them (each once) so their notifies go out. */
  settleRefunds(now: number): Refund[] {
    const done: Refund[] = [];
    for (const r of this.refunds.values()) {
      if (r.status === "PROCESSING" && now >= r.settlesAt) {
        r.status = "SUCCESS";
        r.successTime = now;
        done.push(r);
      }
    }
    return done;
  }
}
