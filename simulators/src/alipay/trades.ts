import { randomBytes } from "node:crypto";

/**
 * What the simulated Alipay holds per app (payments.md §4):
 * - an **order** is a signed wap.pay request the buyer's browser brought to the cashier. It is not
 *   a trade: `alipay.trade.query` does not see it (§4: "created when the buyer actually pays").
 * - a **trade** exists once the buyer acted at the cashier: WAIT_BUYER_PAY after logging in and
 *   backing out (the "cancel" action), TRADE_SUCCESS once paid; TRADE_CLOSED when closed, expired
 *   unpaid, or refunded in full. TRADE_FINISHED is not reached (it is the end of the refund period).
 */
export type TradeStatus = "WAIT_BUYER_PAY" | "TRADE_SUCCESS" | "TRADE_FINISHED" | "TRADE_CLOSED";

export interface WapOrder {
  appId: string;
  outTradeNo: string;
  totalFen: number;
  subject: string;
  notifyUrl?: string;
  returnUrl?: string;
  quitUrl?: string;
  passbackParams?: string;
  /** Epoch ms; the cashier refuses to take money after it (§4 time_expire). */
  timeExpire: number;
  /** total_amount and subject of the first request: another URL for the same out_trade_no must match. */
  fingerprint: string;
}

export interface Trade {
  order: WapOrder;
  tradeNo: string;
  status: TradeStatus;
  gmtCreate: number;
  gmtPayment?: number;
  buyerId?: string;
  refundedFen: number;
}

export interface Refund {
  appId: string;
  outTradeNo: string;
  outRequestNo: string;
  refundFen: number;
  reason?: string;
  at: number;
}

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join("");

export class TradeBook {
  private readonly orders = new Map<string, WapOrder>();
  private readonly trades = new Map<string, Trade>();
  private readonly refunds = new Map<string, Refund>();
  private key = (appId: string, no: string) => `${appId}/${no}`;

  order(appId: string, outTradeNo: string): WapOrder | undefined {
    return this.orders.get(this.key(appId, outTradeNo));
  }

  putOrder(o: WapOrder): void {
    this.orders.set(this.key(o.appId, o.outTradeNo), o);
  }

  trade(appId: string, outTradeNo: string): Trade | undefined {
    return this.trades.get(this.key(appId, outTradeNo));
  }

  tradeByNo(appId: string, tradeNo: string): Trade | undefined {
    for (const t of this.trades.values()) if (t.order.appId === appId && t.tradeNo === tradeNo) return t;
    return undefined;
  }

  allOrders(): WapOrder[] {
    return [...this.orders.values()];
  }

  allTrades(): Trade[] {
    return [...this.trades.values()];
  }

  allRefunds(): Refund[] {
    return [...this.refunds.values()];
  }

  /** The trade for an order, made WAIT_BUYER_PAY the first time the buyer acts at the cashier. */
  openTrade(o: WapOrder, now: number): Trade {
    const existing = this.trade(o.appId, o.outTradeNo);
    if (existing) return existing;
    const d = new Date(now + 8 * 3600_000);
    const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}${String(d.getUTCDate()).padStart(2, "0")}`;
    const t: Trade = {
      order: o,
      tradeNo: `${ymd}2200${digits(16)}`,
      status: "WAIT_BUYER_PAY",
      gmtCreate: now,
      refundedFen: 0,
    };
    this.trades.set(this.key(o.appId, o.outTradeNo), t);
    return t;
  }

  pay(t: Trade, now: number): void {
    t.status = "TRADE_SUCCESS";
    t.gmtPayment = now;
    t.buyerId = `2088102${digits(9)}`;
  }

  /** An unpaid trade past its time_expire is closed by Alipay, seen at the next look. */
  expire(t: Trade | undefined, now: number): Trade | undefined {
    if (t && t.status === "WAIT_BUYER_PAY" && now > t.order.timeExpire) t.status = "TRADE_CLOSED";
    return t;
  }

  refund(appId: string, outTradeNo: string, outRequestNo: string): Refund | undefined {
    return this.refunds.get(`${this.key(appId, outTradeNo)}/${outRequestNo}`);
  }

  addRefund(t: Trade, r: Omit<Refund, "appId" | "outTradeNo">): Refund {
    const refund: Refund = { ...r, appId: t.order.appId, outTradeNo: t.order.outTradeNo };
    this.refunds.set(`${this.key(refund.appId, refund.outTradeNo)}/${r.outRequestNo}`, refund);
    t.refundedFen += r.refundFen;
    // A paid trade refunded in full is closed.
    if (t.refundedFen >= t.order.totalFen) t.status = "TRADE_CLOSED";
    return refund;
  }
}
