import type { BookingState, BookingView } from "../core/bookings.js";
import type { FaultController } from "../core/faults.js";
import { SeatHolds } from "../core/seat-holds.js";
import { xorshiftDigits } from "../core/xorshift-digits.js";
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
    issueAt?: number;
    issueOutcome?: "success" | "fail";
    bookingId: string;
    confirmationId: string;
    tickets: HfhTicket[];
    refundedAt?: number;
  };
}

/**
 * Locks, sales and refunds of one simulator instance. Holds are exclusive per (show, seat); time is
 * the simulator clock; lapsed locks and slow issues are settled lazily by `sweep`.
 */
export class HfhBook {
  private readonly orders = new Map<string, HfhOrder>();
  private readonly byBooking = new Map<string, HfhOrder>();
  private readonly holds = new SeatHolds();
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
    for (const o of this.orders.values()) {
      if (o.lock === "locked" && now >= o.expiresAt) {
        o.lock = "expired";
        this.free(o);
      }
      const sale = o.sale;
      if (sale?.status === "processing" && sale.issueAt !== undefined && now >= sale.issueAt) {
        this.settle(o, sale.issueOutcome ?? "success");
      }
    }
  }

  private free(o: HfhOrder): void {
    this.holds.release(
      o.show.show.id,
      o.seats.map((s) => s.seatId),
      o.orderNo,
    );
  }

  holder(showId: string, seatId: string): string | undefined {
    return this.holds.holder(showId, seatId);
  }

  lock(orderNo: string, show: HfhShow, seats: HfhSeatRef[], minutes: number): HfhOrder {
    this.sweep();
    if (this.orders.has(orderNo)) throw new HfhError(HfhCode.duplicateOrderNo, "订单号已存在");
    if (
      this.holds.firstTaken(
        show.show.id,
        seats.map((s) => s.seatId),
      ) !== undefined
    ) {
      throw new HfhError(HfhCode.lockFailed, "SLPE: Seat-Locking Processing Error");
    }
    const order: HfhOrder = { orderNo, show, seats, expiresAt: this.now() + minutes * 60_000, lock: "locked" };
    this.holds.hold(
      show.show.id,
      seats.map((s) => s.seatId),
      orderNo,
    );
    this.orders.set(orderNo, order);
    return order;
  }

  order(orderNo: string): HfhOrder {
    this.sweep();
    const o = this.orders.get(orderNo);
    if (!o) throw new HfhError(HfhCode.orderNotFound, "订单不存在");
    return o;
  }

  unlock(orderNo: string): void {
    const o = this.order(orderNo);
    if (o.lock !== "locked") throw new HfhError(HfhCode.lockNotFound, "锁座信息不存在或已过期");
    o.lock = "released";
    this.free(o);
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
    const { slowIssueMinutes, slowIssueOutcome } = this.faults.config;
    if (slowIssueMinutes > 0) {
      o.sale.issueAt = now + slowIssueMinutes * 60_000;
      o.sale.issueOutcome = slowIssueOutcome;
    } else {
      this.settle(o, "success");
    }
    return o;
  }

  private settle(o: HfhOrder, outcome: "success" | "fail"): void {
    const sale = o.sale!;
    sale.status = outcome;
    if (outcome === "fail") {
      this.free(o);
      return;
    }
    sale.bookingId = `${this.digits(4)}${this.digits(8)}`;
    sale.confirmationId = this.digits(6);
    for (const t of sale.tickets) {
      t.ticketNo = `${sale.bookingId}${this.digits(3)}`;
      t.lastModifyTime = this.now();
    }
    this.byBooking.set(sale.bookingId, o);
  }

  byBookingId(bookingId: string): HfhOrder | undefined {
    this.sweep();
    return this.byBooking.get(bookingId);
  }

  refund(o: HfhOrder): void {
    o.sale!.refundedAt = this.now();
    this.free(o);
  }

  views(): BookingView[] {
    this.sweep();
    return [...this.orders.values()].map((o) => ({
      lockId: o.orderNo,
      ...(o.sale?.bookingId ? { orderId: o.sale.bookingId } : {}),
      showtimeId: o.show.show.id,
      seatIds: o.seats.map((s) => s.seatId),
      state: viewState(o),
    }));
  }
}

function viewState(o: HfhOrder): BookingState {
  const sale = o.sale;
  if (!sale) return o.lock === "sold" ? "issued" : o.lock;
  if (sale.status === "processing") return "pending";
  if (sale.status === "fail") return "failed";
  return sale.refundedAt !== undefined ? "refunded" : "issued";
}
