import { type EndState, SimOrderBook, seatIdsOf } from "../core/order-book.js";
import type { HfhShow } from "./catalog.js";
import { HfhCode, HfhError } from "./codes.js";

export interface HfhSeatRef {
  /** Data-set seat id and the wire labels and section of it. */
  seatId: string;
  rowId: string;
  columnId: string;
  sectionId: string;
}

export interface HfhTicket extends HfhSeatRef {
  ticketNo: string;
  priceFen: number;
  feeFen: number;
  printed: boolean;
  lastModifyTime: number;
}

/** One partner order, named by the partner's `orderNo` from the lock on (public-refs §5.3). */
export interface HfhOrder {
  orderNo: string;
  show: HfhShow;
  seats: HfhSeatRef[];
  expiresAt: number;
  lock: "locked" | "released" | "expired" | "sold";
  sale?: {
    status: "processing" | "success" | "fail";
    bookingId: string;
    confirmationId: string;
    tickets: HfhTicket[];
    refundedAt?: number;
  };
}

/**
 * Locks, sales and refunds of one simulator instance, on the shared book (core/order-book.ts: holds
 * per (show, seat), lock expiry and slow issues on the simulator clock); 火凤凰's records and codes here.
 */
export class HfhBook extends SimOrderBook<HfhOrder> {
  private readonly byBooking = new Map<string, HfhOrder>();
  protected readonly key = (o: HfhOrder) => o.orderNo;
  protected readonly seatIds = (o: HfhOrder) => seatIdsOf(o.seats);
  protected readonly view = (o: HfhOrder) => ({
    lockId: o.orderNo,
    orderId: o.sale?.bookingId ?? "",
    seatIds: seatIdsOf(o.seats),
  });

  protected issued(o: HfhOrder): void {
    const sale = o.sale!;
    sale.status = "success";
    sale.bookingId = `${this.digits(4)}${this.digits(8)}`;
    sale.confirmationId = this.digits(6);
    for (const t of sale.tickets) {
      t.ticketNo = `${sale.bookingId}${this.digits(3)}`;
      t.lastModifyTime = this.now();
    }
    this.byBooking.set(sale.bookingId, o);
  }

  protected ended(o: HfhOrder, state: EndState): void {
    if (state === "released" || state === "expired") o.lock = state;
    else if (state === "failed") o.sale!.status = "fail";
    else o.sale!.refundedAt = this.now();
  }

  lock(orderNo: string, show: HfhShow, seats: HfhSeatRef[], minutes: number): HfhOrder {
    if (this.find(orderNo)) throw new HfhError(HfhCode.duplicateOrderNo, "订单号已存在");
    if (this.firstTaken(show.id, seatIdsOf(seats)) !== undefined) {
      throw new HfhError(HfhCode.lockFailed, "SLPE: Seat-Locking Processing Error");
    }
    const order: HfhOrder = { orderNo, show, seats, expiresAt: this.now() + minutes * 60_000, lock: "locked" };
    return this.file(order, order.expiresAt);
  }

  order(orderNo: string): HfhOrder {
    const o = this.find(orderNo);
    if (!o) throw new HfhError(HfhCode.orderNotFound, "订单不存在");
    return o;
  }

  unlock(orderNo: string): void {
    const o = this.order(orderNo);
    if (o.lock !== "locked") throw new HfhError(HfhCode.lockNotFound, "锁座信息不存在或已过期");
    this.releaseOrder(o);
  }

  sell(o: HfhOrder, prices: Array<{ priceFen: number; feeFen: number }>): HfhOrder {
    this.sweep();
    if (o.sale) throw new HfhError(HfhCode.alreadyPaid, "订单已支付，不能重复提交");
    if (o.lock !== "locked") throw new HfhError(HfhCode.lockNotFound, "锁座信息不存在或已过期");
    const now = this.now();
    o.lock = "sold";
    o.sale = {
      status: "processing",
      bookingId: "",
      confirmationId: "",
      tickets: o.seats.map((s, i) => ({
        ...s,
        ticketNo: "",
        priceFen: prices[i]!.priceFen,
        feeFen: prices[i]!.feeFen,
        printed: false,
        lastModifyTime: now,
      })),
    };
    this.sellOrder(o);
    return o;
  }

  byBookingId(bookingId: string): HfhOrder | undefined {
    this.sweep();
    return this.byBooking.get(bookingId);
  }

  refund(o: HfhOrder): void {
    this.refundOrder(o);
  }
}
