import type { BookingState, BookingView } from "../core/bookings.js";
import type { Cinema, Film, Hall, Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { SeatHolds } from "../core/seat-holds.js";
import { xorshiftDigits } from "../core/xorshift-digits.js";
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
  /** Slow issue: when the cinema's answer arrives, and what it will be. */
  issueAt?: number;
  issueOutcome?: "success" | "fail";
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
 * Orders and seat holds of one simulator instance. Holds are exclusive per (showtime, seat); time
 * comes from the simulator clock and pending transitions (lock expiry, slow issue) are applied
 * lazily by `sweep` before every read or write.
 */
export class OrderBook {
  private readonly orders = new Map<string, MoviefanOrder>();
  private readonly holds = new SeatHolds();
  /** Orders still in status 10 (lock waiting for payment, or paid and waiting for the cinema). */
  private readonly pending = new Set<MoviefanOrder>();
  private seq = 0;
  private readonly digits: (n: number) => string;

  constructor(
    private readonly now: () => number,
    private readonly faults: FaultController,
    seed: number,
  ) {
    this.digits = xorshiftDigits(seed);
  }

  sweep(): void {
    const now = this.now();
    for (const order of this.pending) {
      if (order.payState === 0 && now >= order.lockExpiresAt) {
        // "超过15分钟影院可能会释放座位": the lock lapses and the order is cancelled.
        this.finish(order, OrderStatus.cancelled);
      } else if (order.payState === 1 && order.issueAt !== undefined && now >= order.issueAt) {
        this.finish(order, order.issueOutcome === "fail" ? OrderStatus.issueFailed : OrderStatus.issued);
      }
    }
  }

  private finish(order: MoviefanOrder, status: OrderStatusCode): void {
    order.status = status;
    this.pending.delete(order);
    if (status === OrderStatus.issued) {
      order.printCode = chinaDateCompact(this.now()) + this.digits(8);
      order.verifyCode = this.digits(6);
      order.cinemaOrderNo = this.digits(6);
      order.qrCode = `${order.cinemaOrderNo}|${order.verifyCode}`;
      return;
    }
    this.freeSeats(order);
  }

  private freeSeats(order: MoviefanOrder): void {
    this.holds.release(order.show.id, order.seatIds, order.orderExternalID);
  }

  isHeld(showId: string, seatId: string): boolean {
    return this.holds.holder(showId, seatId) !== undefined;
  }

  lock(req: LockRequest): MoviefanOrder {
    this.sweep();
    if (this.holds.firstTaken(req.show.id, req.seatIds) !== undefined) {
      throw new MoviefanError(MoviefanCode.lockFailed, "座位已被占用");
    }
    const now = this.now();
    this.seq++;
    const order: MoviefanOrder = {
      orderExternalID: chinaHourStamp(now) + String(this.seq).padStart(8, "0"),
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
    this.holds.hold(req.show.id, req.seatIds, order.orderExternalID);
    this.orders.set(order.orderExternalID, order);
    this.pending.add(order);
    return order;
  }

  get(id: string): MoviefanOrder {
    this.sweep();
    const order = this.orders.get(id);
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
    order.payState = 1;
    order.amountFen = amountFen;
    const { slowIssueMinutes, slowIssueOutcome } = this.faults.config;
    if (slowIssueMinutes > 0) {
      // The cinema has not answered yet: the order stays 10 (锁座成功) with payState 1.
      order.issueAt = this.now() + slowIssueMinutes * 60_000;
      order.issueOutcome = slowIssueOutcome;
    } else {
      this.finish(order, OrderStatus.issued);
    }
    return order;
  }

  release(id: string): MoviefanOrder {
    const order = this.get(id);
    if (order.status !== OrderStatus.locked || order.payState !== 0)
      throw new MoviefanError(MoviefanCode.orderStateWrong);
    this.finish(order, OrderStatus.released);
    return order;
  }

  /** Simulator hook (not part of the wire protocol): every order and what became of it. */
  views(): BookingView[] {
    this.sweep();
    return [...this.orders.values()].map((o) => ({
      lockId: o.orderExternalID,
      ...(o.payState === 1 ? { orderId: o.orderExternalID } : {}),
      showtimeId: o.show.id,
      seatIds: [...o.seatIds],
      state: viewState(o),
    }));
  }

  /** Simulator hook (not part of the wire protocol): mark an issued order as returned. */
  markReturned(id: string, by: 1 | 2 | 3): MoviefanOrder {
    const order = this.get(id);
    if (order.status !== OrderStatus.issued) throw new MoviefanError(MoviefanCode.orderStateWrong);
    order.returned = by;
    this.freeSeats(order);
    return order;
  }
}

function viewState(o: MoviefanOrder): BookingState {
  if (o.status === OrderStatus.issued) return o.returned === 0 ? "issued" : "refunded";
  if (o.status === OrderStatus.issueFailed) return "failed";
  if (o.status === OrderStatus.locked) return o.payState === 1 ? "pending" : "locked";
  if (o.status === OrderStatus.cancelled) return o.payState === 1 ? "failed" : "expired";
  return "released";
}
