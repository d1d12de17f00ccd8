import type { Cinema, Film, Hall, Showtime } from "../core/dataset-types.js";
import { type EndState, SimOrderBook } from "../core/order-book.js";
import { MoviefanCode, MoviefanError, OrderStatus, type OrderStatusCode } from "./codes.js";
import { chinaDateCompact, chinaHourStamp } from "./wire-format.js";

export const LOCK_TTL_MS = 15 * 60_000;
export const MAX_SEATS = 4;

export interface MoviefanOrder {
  orderExternalID: string;
  cinema: Cinema;
  hall: Hall;
  film: Film | undefined;
  show: Showtime;
  /** Data-set seat ids (for holds) and the seat names the channel sent. */
  seatIds: string[];
  seatNames: string[];
  mobile: string;
  unitFen: number;
  createdAt: number;
  lockExpiresAt: number;
  status: OrderStatusCode;
  payState: 0 | 1;
  amountFen?: number;
  printCode: string;
  verifyCode: string;
  cinemaOrderNo: string;
  qrCode: string;
  /** ReturnedOrderStatus: 0 not returned, 1 by supplier, 2 by Moviefan, 3 by channel. */
  returned: 0 | 1 | 2 | 3;
}

export interface LockRequest {
  cinema: Cinema;
  hall: Hall;
  film: Film | undefined;
  show: Showtime;
  seatIds: string[];
  seatNames: string[];
  mobile: string;
}

/**
 * Orders of one simulator instance, on the shared book (core/order-book.ts: holds per (showtime,
 * seat), lock expiry and slow issues on the simulator clock); Moviefan's statuses and codes here.
 */
export class OrderBook extends SimOrderBook<MoviefanOrder> {
  protected readonly key = (o: MoviefanOrder) => o.orderExternalID;
  protected readonly seatIds = (o: MoviefanOrder) => o.seatIds;
  protected readonly view = (o: MoviefanOrder) => ({
    lockId: o.orderExternalID,
    orderId: o.orderExternalID,
    seatIds: [...o.seatIds],
  });

  protected issued(o: MoviefanOrder): void {
    o.status = OrderStatus.issued;
    o.printCode = chinaDateCompact(this.now()) + this.digits(8);
    o.verifyCode = this.digits(6);
    o.cinemaOrderNo = this.digits(6);
    o.qrCode = `${o.cinemaOrderNo}|${o.verifyCode}`;
  }

  /** "超过15分钟影院可能会释放座位": a lapsed lock is cancelled; a return keeps the order issued. */
  protected ended(o: MoviefanOrder, state: EndState): void {
    if (state === "expired") o.status = OrderStatus.cancelled;
    else if (state === "failed") o.status = OrderStatus.issueFailed;
    else if (state === "released") o.status = OrderStatus.released;
  }

  isHeld(showId: string, seatId: string): boolean {
    return this.holder(showId, seatId) !== undefined;
  }

  lock(req: LockRequest): MoviefanOrder {
    if (this.firstTaken(req.show.id, req.seatIds) !== undefined) {
      throw new MoviefanError(MoviefanCode.lockFailed, "座位已被占用");
    }
    const now = this.now();
    const order: MoviefanOrder = {
      orderExternalID: chinaHourStamp(now) + String(this.nextSeq()).padStart(8, "0"),
      ...req,
      unitFen: req.show.settleFen,
      createdAt: now,
      lockExpiresAt: now + LOCK_TTL_MS,
      status: OrderStatus.locked,
      payState: 0,
      printCode: "",
      verifyCode: "",
      cinemaOrderNo: "",
      qrCode: "",
      returned: 0,
    };
    return this.file(order, order.lockExpiresAt);
  }

  get(id: string): MoviefanOrder {
    const order = this.find(id);
    if (!order) throw new MoviefanError(MoviefanCode.orderNotFound);
    return order;
  }

  submit(id: string, mobile: string, amountFen: number): MoviefanOrder {
    const order = this.get(id);
    if (order.status !== OrderStatus.locked || order.payState !== 0)
      throw new MoviefanError(MoviefanCode.orderStateWrong);
    if (mobile !== order.mobile) throw new MoviefanError(MoviefanCode.confirmMismatch, "手机号与锁座时不一致");
    if (amountFen !== order.unitFen * order.seatIds.length) {
      throw new MoviefanError(MoviefanCode.confirmMismatch, "结算总价不正确");
    }
    // Until the cinema answers (a slow issue), the order stays 10 (锁座成功) with payState 1.
    order.payState = 1;
    order.amountFen = amountFen;
    this.sellOrder(order);
    return order;
  }

  release(id: string): MoviefanOrder {
    const order = this.get(id);
    if (order.status !== OrderStatus.locked || order.payState !== 0)
      throw new MoviefanError(MoviefanCode.orderStateWrong);
    this.releaseOrder(order);
    return order;
  }

  /** Simulator hook (not part of the wire protocol): mark an issued order as returned. */
  markReturned(id: string, by: 1 | 2 | 3): MoviefanOrder {
    const order = this.get(id);
    if (order.status !== OrderStatus.issued) throw new MoviefanError(MoviefanCode.orderStateWrong);
    if (this.stateOf(order) === "issued") this.refundOrder(order);
    order.returned = by;
    return order;
  }
}
