import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import { type EndState, OrderCodeBook, seatIdsOf } from "../core/order-book.js";
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
  printedAt?: number;
  /** The lock lapsed (AutoUnlockDatetime passed) rather than being released. */
  expired?: boolean;
}

/**
 * Locks and orders of one simulator instance, on the shared book (core/order-book.ts: holds per
 * (showtime, seat), lock expiry and slow issues on the simulator clock); 辰星's statuses and codes here.
 */
export class OrderBook extends OrderCodeBook<TspOrder> {
  private readonly byPrintNo = new Map<string, TspOrder>();

  protected issued(o: TspOrder): void {
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

  protected ended(o: TspOrder, state: EndState): void {
    o.expired = state === "expired";
    if (state === "failed") o.status = OrderStatus.submitFailed;
    else o.status = state === "refunded" ? OrderStatus.refunded : OrderStatus.released;
  }

  seatState(showId: string, seatId: string): "Locked" | "Sold" | undefined {
    const o = this.holder(showId, seatId);
    if (!o) return undefined;
    return o.status === OrderStatus.locked ? "Locked" : "Sold";
  }

  lock(cinema: Cinema, hall: Hall, show: Showtime, featureAppNo: string, seats: SeatLine[]): TspOrder {
    if (this.firstTaken(show.id, seatIdsOf(seats)) !== undefined) throw gatewayError("锁座失败", Inner.lockFailed);
    const now = this.now();
    const o: TspOrder = {
      orderCode: `${chinaCompactDate(now)}${String(this.nextSeq()).padStart(8, "0")}`,
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
    return this.file(o, o.autoUnlockAt);
  }

  get(orderCode: string): TspOrder {
    const o = this.find(orderCode);
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
    this.releaseOrder(o);
  }

  /** SubmitOrder on a live lock: issued at once, or "issuing" while a slow issue is injected. */
  submit(o: TspOrder, mobile: string): void {
    if (o.status !== OrderStatus.locked) {
      throw new TspError(Code.gateway, "网络代售系统异常: 锁座订单已失效或已提交");
    }
    o.submitted = true;
    o.mobile = mobile;
    o.status = OrderStatus.issuing;
    this.sellOrder(o);
  }

  refund(o: TspOrder): void {
    this.refundOrder(o);
  }

  markPrinted(o: TspOrder): void {
    o.printedAt ??= this.now();
  }
}
