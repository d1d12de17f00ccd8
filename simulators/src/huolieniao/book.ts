import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import { type EndState, OrderCodeBook, seatIdsOf } from "../core/order-book.js";
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
  printedAt?: number;
  refundedAt?: number;
  channelId?: string;
}

/**
 * Locks and orders of one simulator instance, on the shared book (core/order-book.ts: holds per
 * (session, seat), lock expiry and slow issues on the simulator clock); 火烈鸟's statuses and codes here.
 */
export class OrderBook extends OrderCodeBook<HlnOrder> {
  private readonly byPrintNo = new Map<string, HlnOrder>();

  protected issued(o: HlnOrder): void {
    o.status = "issued";
    o.printNo = `${chinaDay(this.now()).replace(/-/g, "")}${this.digits(8)}`;
    o.verifyCode = this.digits(6);
    for (const s of o.seats) s.filmTicketCode = this.digits(16);
    this.byPrintNo.set(o.printNo, o);
  }

  protected ended(o: HlnOrder, state: EndState): void {
    o.expired = state === "expired";
    o.status = state === "expired" ? "released" : state;
  }

  /** A seat's hold; the caller sweeps once per seat map rather than once per seat. */
  seatState(showId: string, seatId: string): "Locked" | "Sold" | undefined {
    const o = this.holder(showId, seatId);
    if (!o) return undefined;
    return o.status === "locked" ? "Locked" : "Sold";
  }

  lock(cinema: Cinema, hall: Hall, show: Showtime, sessionCode: string, seats: OrderSeat[]): HlnOrder {
    if (this.firstTaken(show.id, seatIdsOf(seats)) !== undefined) {
      throw new OtsError(Code.seatTaken, "锁座失败：座位已被锁定或已售出");
    }
    const now = this.now();
    const o: HlnOrder = {
      orderCode: `${chinaDay(now).replace(/-/g, "")}${String(this.nextSeq()).padStart(8, "0")}`,
      cinema,
      hall,
      show,
      sessionCode,
      seats,
      autoUnlockAt: now + LOCK_MINUTES * 60_000,
      status: "locked",
      submitted: false,
    };
    return this.file(o, o.autoUnlockAt);
  }

  get(orderCode: string): HlnOrder {
    const o = this.find(orderCode);
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
    this.releaseOrder(o);
  }

  /** Submit on a live lock: issued at once, or issuing while a slow issue is injected. */
  submit(o: HlnOrder, channelId: string): void {
    if (o.status !== "locked") throw new OtsError(Code.orderState, "订单状态不允许提交：锁座已失效或已提交");
    o.submitted = true;
    o.channelId = channelId;
    o.status = "issuing";
    this.sellOrder(o);
  }

  refund(o: HlnOrder): void {
    o.refundedAt = this.now();
    for (const s of o.seats) s.refunded = true;
    this.refundOrder(o);
  }

  markPrinted(o: HlnOrder): void {
    o.printedAt ??= this.now();
  }
}
