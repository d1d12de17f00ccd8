import type { BookingState, BookingView } from "../core/bookings.js";
import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { SeatHolds } from "../core/seat-holds.js";
import { xorshiftDigits } from "../core/xorshift-digits.js";
import { chinaCompactDate } from "./catalog.js";
import { Code, gatewayError, Inner, OrderStatus, type OrderStatusCode, TspError } from "./codes.js";

/**
 * Lock lifetime this simulator grants. 辰星 returns it with each lock (AutoUnlockDatetime,
 * LockLength); its value is not published, 15 minutes is our choice.
 */
export const LOCK_MINUTES = 15;

export interface SeatLine {
  seatCode: string;
  /** Data-set seat id, for the holds. */
  seatId: string;
  priceFen?: number;
  serviceChargeFen?: number;
  serviceAddFeeFen?: number;
  cinemaAllowanceFen?: number;
  filmTicketCode?: string;
  ticketInfoCode?: string;
}

export interface TspOrder {
  orderCode: string;
  cinema: Cinema;
  hall: Hall;
  show: Showtime;
  featureAppNo: string;
  seats: SeatLine[];
  lockedAt: number;
  autoUnlockAt: number;
  status: OrderStatusCode;
  submitted: boolean;
  mobile?: string;
  printNo?: string;
  verifyCode?: string;
  /** Slow issue (fault injection): when the cinema's local system answers, and how. */
  issueAt?: number;
  issueOutcome?: "success" | "fail";
  printedAt?: number;
  /** The lock lapsed (AutoUnlockDatetime passed) rather than being released. */
  expired?: boolean;
}

/**
 * Locks and orders of one simulator instance. Holds are exclusive per (showtime, seat); time is the
 * simulator clock, and lapsed locks / slow issues are settled lazily by `sweep` before each use.
 */
const seatIdsOf = (seats: readonly { seatId: string }[]) => seats.map((s) => s.seatId);

export class OrderBook {
  private readonly orders = new Map<string, TspOrder>();
  private readonly byPrintNo = new Map<string, TspOrder>();
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

  sweep(): void {
    const now = this.now();
    for (const o of this.orders.values()) {
      if (o.status === OrderStatus.locked && now >= o.autoUnlockAt) {
        o.expired = true;
        this.end(o, OrderStatus.released);
      } else if (o.status === OrderStatus.issuing && o.issueAt !== undefined && now >= o.issueAt) {
        if (o.issueOutcome === "fail") this.end(o, OrderStatus.submitFailed);
        else this.issue(o);
      }
    }
  }

  private end(o: TspOrder, status: OrderStatusCode): void {
    o.status = status;
    this.holds.release(o.show.id, seatIdsOf(o.seats), o.orderCode);
  }

  private issue(o: TspOrder): void {
    o.status = OrderStatus.issued;
    // PrintNo: the customer keys its last 8 digits at the counter or kiosk (Oristar note, §3.3).
    o.printNo = `${chinaCompactDate(this.now())}${this.digits(8)}`;
    o.verifyCode = this.digits(6);
    for (const s of o.seats) {
      s.filmTicketCode = this.digits(16);
      s.ticketInfoCode = this.digits(12);
    }
    this.byPrintNo.set(o.printNo, o);
  }

  seatState(showId: string, seatId: string): "Locked" | "Sold" | undefined {
    const orderCode = this.holds.holder(showId, seatId);
    if (!orderCode) return undefined;
    const o = this.orders.get(orderCode);
    return o?.status === OrderStatus.locked ? "Locked" : "Sold";
  }

  lock(cinema: Cinema, hall: Hall, show: Showtime, featureAppNo: string, seats: SeatLine[]): TspOrder {
    this.sweep();
    if (this.holds.firstTaken(show.id, seatIdsOf(seats)) !== undefined)
      throw gatewayError("锁座失败", Inner.lockFailed);
    const now = this.now();
    this.seq++;
    const o: TspOrder = {
      orderCode: `${chinaCompactDate(now)}${String(this.seq).padStart(8, "0")}`,
      cinema,
      hall,
      show,
      featureAppNo,
      seats,
      lockedAt: now,
      autoUnlockAt: now + LOCK_MINUTES * 60_000,
      status: OrderStatus.locked,
      submitted: false,
    };
    this.holds.hold(show.id, seatIdsOf(seats), o.orderCode);
    this.orders.set(o.orderCode, o);
    return o;
  }

  get(orderCode: string): TspOrder {
    this.sweep();
    const o = this.orders.get(orderCode);
    if (!o) throw new TspError(Code.orderNotFound, "订单不存在");
    return o;
  }

  byPrint(printNo: string, verifyCode: string): TspOrder {
    this.sweep();
    const o = this.byPrintNo.get(printNo);
    if (!o || o.verifyCode !== verifyCode) throw new TspError(Code.orderNotFound, "取票序号或验证码不正确，订单不存在");
    return o;
  }

  findPrint(printNo: string): TspOrder | undefined {
    this.sweep();
    return this.byPrintNo.get(printNo);
  }

  release(o: TspOrder): void {
    if (o.status !== OrderStatus.locked) throw new TspError(Code.gateway, "网络代售系统异常: 订单状态不允许解锁");
    this.end(o, OrderStatus.released);
  }

  /** SubmitOrder on a live lock: issued at once, or "issuing" while a slow issue is injected. */
  submit(o: TspOrder, mobile: string): void {
    if (o.status !== OrderStatus.locked) {
      throw new TspError(Code.gateway, "网络代售系统异常: 锁座订单已失效或已提交");
    }
    o.submitted = true;
    o.mobile = mobile;
    const { slowIssueMinutes, slowIssueOutcome } = this.faults.config;
    if (slowIssueMinutes > 0) {
      o.status = OrderStatus.issuing;
      o.issueAt = this.now() + slowIssueMinutes * 60_000;
      o.issueOutcome = slowIssueOutcome;
    } else {
      this.issue(o);
    }
  }

  refund(o: TspOrder): void {
    this.end(o, OrderStatus.refunded);
  }

  markPrinted(o: TspOrder): void {
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

function viewState(o: TspOrder): BookingState {
  switch (o.status) {
    case OrderStatus.locked:
      return "locked";
    case OrderStatus.issuing:
      return "pending";
    case OrderStatus.issued:
      return "issued";
    case OrderStatus.submitFailed:
      return "failed";
    case OrderStatus.refunded:
      return "refunded";
    default:
      return o.expired ? "expired" : "released";
  }
}
