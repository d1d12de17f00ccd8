import type { Cinema, Showtime } from "../core/dataset-types.js";
import { type EndState, SimOrderBook } from "../core/order-book.js";
import { NgcCode, NgcError } from "./codes.js";

/** lockTime in the lock reply, minutes: the CEC sample says 15 (public-refs §7.2). */
export const LOCK_MINUTES = 15;
/** No public source states a seat limit; the simulator takes the common 4. */
export const MAX_SEATS = 4;

/** §7.3: 1 unpaid, 2 cancelled, 3 paid, 4 success, 5 failed, 6 refunded. */
export type NgcStatus = 1 | 2 | 3 | 4 | 5 | 6;

export interface NgcOrder {
  orderCode: string;
  channelOrderCode: string;
  cinema: Cinema;
  show: Showtime;
  seatCodes: string[];
  lockExpiresAt: number;
  status: NgcStatus;
  confirmTime?: number;
  amountFen: number;
  printCode: string;
  verifyCode: string;
  printed: boolean;
}

/** The §7.3 status an order ends in (expired and released locks both read 2, cancelled). */
const END_STATUS: Record<EndState, NgcStatus> = { released: 2, expired: 2, failed: 5, refunded: 6 };

/**
 * Locks and sales on the shared book (core/order-book.ts: holds per (show, seat), lock expiry and
 * slow issues on the simulator clock); 火烈鸟 5.0's statuses, codes and checks here.
 */
export class NgcBook extends SimOrderBook<NgcOrder> {
  private readonly byChannelCode = new Map<string, NgcOrder>();
  private readonly issuedOrders = new Set<NgcOrder>();
  protected readonly key = (o: NgcOrder) => o.orderCode;
  protected readonly seatIds = (o: NgcOrder) => o.seatCodes;
  protected readonly view = (o: NgcOrder) => ({ lockId: o.orderCode, orderId: o.orderCode, seatIds: [...o.seatCodes] });

  protected issued(o: NgcOrder): void {
    o.status = 4;
    o.printCode = this.digits(10);
    o.verifyCode = this.digits(6);
    this.issuedOrders.add(o);
  }

  protected ended(o: NgcOrder, state: EndState): void {
    o.status = END_STATUS[state];
  }

  /** True when some order holds the seat (call `sweep` first). */
  held(showId: string, code: string): boolean {
    return this.holder(showId, code) !== undefined;
  }

  lock(cinema: Cinema, show: Showtime, seatCodes: string[], channelOrderCode: string): NgcOrder {
    if (this.byChannelCode.has(channelOrderCode)) throw new NgcError(NgcCode.channelOrderExists);
    if (this.firstTaken(show.id, seatCodes) !== undefined) throw new NgcError(NgcCode.lockFailed);
    const now = this.now();
    const order: NgcOrder = {
      orderCode: `${String(now).slice(0, 10)}${String(this.nextSeq()).padStart(6, "0")}`,
      channelOrderCode,
      cinema,
      show,
      seatCodes,
      lockExpiresAt: now + LOCK_MINUTES * 60_000,
      status: 1,
      amountFen: 0,
      printCode: "",
      verifyCode: "",
      printed: false,
    };
    this.byChannelCode.set(channelOrderCode, order);
    return this.file(order, order.lockExpiresAt);
  }

  get(orderCode: string): NgcOrder {
    const o = this.find(orderCode);
    if (!o) throw new NgcError(NgcCode.orderNotFound);
    return o;
  }

  byPickup(printCode: string, verifyCode: string): NgcOrder {
    this.sweep();
    for (const o of this.issuedOrders) {
      if (o.status === 4 && o.printCode === printCode && o.verifyCode === verifyCode) return o;
    }
    throw new NgcError(NgcCode.voucherNotFound);
  }

  release(orderCode: string): NgcOrder {
    const o = this.get(orderCode);
    if (o.status !== 1) throw new NgcError(NgcCode.orderState);
    this.releaseOrder(o);
    return o;
  }

  /** The sale of a locked order; with slowIssueMinutes set, it waits in status 3 (paid) for the cinema. */
  submit(orderCode: string, seatCodes: string[], amountFen: number): NgcOrder {
    const o = this.get(orderCode);
    if (o.status !== 1) throw new NgcError(NgcCode.orderState);
    if (seatCodes.length !== o.seatCodes.length || seatCodes.some((s) => !o.seatCodes.includes(s))) {
      throw new NgcError(NgcCode.orderSeats);
    }
    o.amountFen = amountFen;
    o.confirmTime = this.now();
    o.status = 3;
    this.sellOrder(o);
    return o;
  }

  /** revokeTicket: an issued, unprinted order before the cinema's refund window closes. */
  revoke(orderCode: string): NgcOrder {
    const o = this.get(orderCode);
    if (o.status !== 4) throw new NgcError(NgcCode.orderState);
    if (o.printed) throw new NgcError(NgcCode.voucherPrinted);
    if (this.now() > o.show.startsAt - o.cinema.refundBeforeMinutes * 60_000) throw new NgcError(NgcCode.refundWindow);
    this.refundOrder(o);
    return o;
  }

  markPrinted(o: NgcOrder): void {
    if (o.status !== 4) throw new NgcError(NgcCode.orderState);
    o.printed = true;
  }
}
