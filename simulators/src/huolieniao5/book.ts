import type { BookingState, BookingView } from "../core/bookings.js";
import type { Cinema, Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { SeatHolds } from "../core/seat-holds.js";
import { xorshiftDigits } from "../core/xorshift-digits.js";
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
  issueAt?: number;
  issueOutcome?: "success" | "fail";
  endedBy?: "release" | "expiry";
}

/**
 * Locks and sales on the simulator clock. Holds are exclusive per (show, seat); lapsed locks and
 * slow issues settle lazily before every read or write.
 */
export class NgcBook {
  private readonly orders = new Map<string, NgcOrder>();
  private readonly byChannelCode = new Map<string, NgcOrder>();
  private readonly holds = new SeatHolds();
  private readonly live = new Set<NgcOrder>();
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
    for (const o of this.live) {
      if (o.status === 1 && now >= o.lockExpiresAt) this.end(o, 2, "expiry");
      else if (o.status === 3 && o.issueAt !== undefined && now >= o.issueAt) {
        if (o.issueOutcome === "fail") this.end(o, 5);
        else this.issue(o);
      }
    }
  }

  private end(o: NgcOrder, status: 2 | 5, why?: NgcOrder["endedBy"]): void {
    this.live.delete(o);
    o.status = status;
    if (why) o.endedBy = why;
    this.holds.release(o.show.id, o.seatCodes, o.orderCode);
  }

  private issue(o: NgcOrder): void {
    this.live.delete(o);
    o.status = 4;
    o.printCode = this.digits(10);
    o.verifyCode = this.digits(6);
  }

  /** True when some order holds the seat (call `sweep` first). */
  held(showId: string, code: string): boolean {
    return this.holds.holder(showId, code) !== undefined;
  }

  lock(cinema: Cinema, show: Showtime, seatCodes: string[], channelOrderCode: string): NgcOrder {
    this.sweep();
    if (this.byChannelCode.has(channelOrderCode)) throw new NgcError(NgcCode.channelOrderExists);
    if (this.holds.firstTaken(show.id, seatCodes) !== undefined) throw new NgcError(NgcCode.lockFailed);
    const now = this.now();
    const order: NgcOrder = {
      orderCode: `${String(now).slice(0, 10)}${String(++this.seq).padStart(6, "0")}`,
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
    this.holds.hold(show.id, seatCodes, order.orderCode);
    this.orders.set(order.orderCode, order);
    this.byChannelCode.set(channelOrderCode, order);
    this.live.add(order);
    return order;
  }

  get(orderCode: string): NgcOrder {
    this.sweep();
    const o = this.orders.get(orderCode);
    if (!o) throw new NgcError(NgcCode.orderNotFound);
    return o;
  }

  byPickup(printCode: string, verifyCode: string): NgcOrder {
    this.sweep();
    for (const o of this.orders.values()) {
      if (o.status === 4 && o.printCode === printCode && o.verifyCode === verifyCode) return o;
    }
    throw new NgcError(NgcCode.voucherNotFound);
  }

  release(orderCode: string): NgcOrder {
    const o = this.get(orderCode);
    if (o.status !== 1) throw new NgcError(NgcCode.orderState);
    this.end(o, 2, "release");
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
    const { slowIssueMinutes, slowIssueOutcome } = this.faults.config;
    if (slowIssueMinutes > 0) {
      o.status = 3;
      o.issueAt = this.now() + slowIssueMinutes * 60_000;
      o.issueOutcome = slowIssueOutcome;
      this.live.add(o);
    } else {
      this.issue(o);
    }
    return o;
  }

  /** revokeTicket: an issued, unprinted order before the cinema's refund window closes. */
  revoke(orderCode: string): NgcOrder {
    const o = this.get(orderCode);
    if (o.status !== 4) throw new NgcError(NgcCode.orderState);
    if (o.printed) throw new NgcError(NgcCode.voucherPrinted);
    if (this.now() > o.show.startsAt - o.cinema.refundBeforeMinutes * 60_000) throw new NgcError(NgcCode.refundWindow);
    o.status = 6;
    this.holds.release(o.show.id, o.seatCodes, o.orderCode);
    return o;
  }

  markPrinted(o: NgcOrder): void {
    if (o.status !== 4) throw new NgcError(NgcCode.orderState);
    o.printed = true;
  }

  views(): BookingView[] {
    this.sweep();
    return [...this.orders.values()].map((o) => ({
      lockId: o.orderCode,
      ...(o.status >= 3 ? { orderId: o.orderCode } : {}),
      showtimeId: o.show.id,
      seatIds: [...o.seatCodes],
      state: viewState(o),
    }));
  }
}

function viewState(o: NgcOrder): BookingState {
  switch (o.status) {
    case 1:
      return "locked";
    case 3:
      return "pending";
    case 4:
      return "issued";
    case 5:
      return "failed";
    case 6:
      return "refunded";
    default:
      return o.endedBy === "expiry" ? "expired" : "released";
  }
}
