import type { BookingState, BookingView } from "../core/bookings.js";
import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { SeatHolds } from "../core/seat-holds.js";
import { xorshiftDigits } from "../core/xorshift-digits.js";
import { chinaDay } from "./catalog.js";
import { Code, OtsError } from "./codes.js";

/**
 * How long a lock lives: public-refs §6.3's sample LockSeat reply shows AutoUnlockDatetime one hour
 * after the reply time, so this simulator grants 60 minutes and says so in every lock reply.
 */
export const LOCK_MINUTES = 60;

export interface OrderSeat {
  seatCode: string;
  seatId: string;
  priceFen?: number;
  payPriceFen?: number;
  filmTicketCode?: string;
  refunded?: boolean;
}

type Status = "locked" | "issuing" | "issued" | "failed" | "refunded" | "released";

export interface HlnOrder {
  orderCode: string;
  cinema: Cinema;
  hall: Hall;
  show: Showtime;
  sessionCode: string;
  seats: OrderSeat[];
  autoUnlockAt: number;
  status: Status;
  submitted: boolean;
  expired?: boolean;
  printNo?: string;
  verifyCode?: string;
  issueAt?: number;
  issueOutcome?: "success" | "fail";
  printedAt?: number;
  refundedAt?: number;
  channelId?: string;
}

const seatIds = (o: HlnOrder) => o.seats.map((s) => s.seatId);

/**
 * Locks and orders of one simulator instance: holds exclusive per (session, seat), time from the
 * simulator clock, lapsed locks and slow issues settled lazily before each use.
 */
export class OrderBook {
  private readonly orders = new Map<string, HlnOrder>();
  private readonly byPrintNo = new Map<string, HlnOrder>();
  private readonly holds = new SeatHolds();
  private seq = 0;
  private readonly digits: (n: number) => string;

  constructor(
    private readonly now: () => number,
    private readonly faults: FaultController,
    seed: number,
  ) {
    this.digits = xorshiftDigits(seed);
  }

  /** Settles lapsed locks and due slow issues; called before each use (once per call for seat maps). */
  sweep(): void {
    const now = this.now();
    for (const o of this.orders.values()) {
      if (o.status === "locked" && now >= o.autoUnlockAt) {
        o.expired = true;
        this.end(o, "released");
      } else if (o.status === "issuing" && o.issueAt !== undefined && now >= o.issueAt) {
        if (o.issueOutcome === "fail") this.end(o, "failed");
        else this.issue(o);
      }
    }
  }

  private end(o: HlnOrder, status: Status): void {
    o.status = status;
    this.holds.release(o.show.id, seatIds(o), o.orderCode);
  }

  private issue(o: HlnOrder): void {
    o.status = "issued";
    o.printNo = `${chinaDay(this.now()).replace(/-/g, "")}${this.digits(8)}`;
    o.verifyCode = this.digits(6);
    for (const s of o.seats) s.filmTicketCode = this.digits(16);
    this.byPrintNo.set(o.printNo, o);
  }

  /** A seat's hold; the caller sweeps once per seat map rather than once per seat. */
  seatState(showId: string, seatId: string): "Locked" | "Sold" | undefined {
    const code = this.holds.holder(showId, seatId);
    if (!code) return undefined;
    return this.orders.get(code)?.status === "locked" ? "Locked" : "Sold";
  }

  lock(cinema: Cinema, hall: Hall, show: Showtime, sessionCode: string, seats: OrderSeat[]): HlnOrder {
    this.sweep();
    const taken = this.holds.firstTaken(
      show.id,
      seats.map((s) => s.seatId),
    );
    if (taken !== undefined) throw new OtsError(Code.seatTaken, "锁座失败：座位已被锁定或已售出");
    const now = this.now();
    this.seq++;
    const o: HlnOrder = {
      orderCode: `${chinaDay(now).replace(/-/g, "")}${String(this.seq).padStart(8, "0")}`,
      cinema,
      hall,
      show,
      sessionCode,
      seats,
      autoUnlockAt: now + LOCK_MINUTES * 60_000,
      status: "locked",
      submitted: false,
    };
    this.holds.hold(show.id, seatIds(o), o.orderCode);
    this.orders.set(o.orderCode, o);
    return o;
  }

  get(orderCode: string): HlnOrder {
    this.sweep();
    const o = this.orders.get(orderCode);
    if (!o) throw new OtsError(Code.orderNotFound, `订单不存在: ${orderCode}`);
    return o;
  }

  byPrint(printNo: string, verifyCode: string): HlnOrder {
    this.sweep();
    const o = this.byPrintNo.get(printNo);
    if (!o || o.verifyCode !== verifyCode) throw new OtsError(Code.orderNotFound, "取票号或验证码不正确，订单不存在");
    return o;
  }

  release(o: HlnOrder): void {
    if (o.status !== "locked") throw new OtsError(Code.orderState, "订单状态不允许解锁：订单已提交或已失效");
    this.end(o, "released");
  }

  /** Submit on a live lock: issued at once, or issuing while a slow issue is injected. */
  submit(o: HlnOrder, channelId: string): void {
    if (o.status !== "locked") throw new OtsError(Code.orderState, "订单状态不允许提交：锁座已失效或已提交");
    o.submitted = true;
    o.channelId = channelId;
    const { slowIssueMinutes, slowIssueOutcome } = this.faults.config;
    if (slowIssueMinutes > 0) {
      o.status = "issuing";
      o.issueAt = this.now() + slowIssueMinutes * 60_000;
      o.issueOutcome = slowIssueOutcome;
    } else {
      this.issue(o);
    }
  }

  refund(o: HlnOrder): void {
    o.refundedAt = this.now();
    for (const s of o.seats) s.refunded = true;
    this.end(o, "refunded");
  }

  markPrinted(o: HlnOrder): void {
    o.printedAt ??= this.now();
  }

  /** Simulator hook (not part of the protocol): every lock and what became of it. */
  views(): BookingView[] {
    this.sweep();
    return [...this.orders.values()].map((o) => ({
      lockId: o.orderCode,
      ...(o.submitted ? { orderId: o.orderCode } : {}),
      showtimeId: o.show.id,
      seatIds: o.seats.map((s) => s.seatCode),
      state: viewState(o),
    }));
  }
}

function viewState(o: HlnOrder): BookingState {
  const map: Record<Status, BookingState> = {
    locked: "locked",
    issuing: "pending",
    issued: "issued",
    failed: "failed",
    refunded: "refunded",
    released: o.expired ? "expired" : "released",
  };
  return map[o.status];
}
