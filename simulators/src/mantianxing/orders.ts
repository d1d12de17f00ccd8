import type { Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { type EndState, SimOrderBook } from "../core/order-book.js";
import { Code, MtxError } from "./codes.js";

/**
 * How long a lock lives. The vendor does not return it (public-refs §9.5): hubs assume 10 min (SH)
 * or 15 min (PHP-MTX, whose comments follow the vendor's "接口 V5.1"); the simulator takes 15.
 */
export const LOCK_TTL_MS = 15 * 60_000;

/** OrderStatus (public-refs §9.5); 0 "locked, not sold" is not in the refs' list (inferred). */
export type OrderStatus = "0" | "4" | "6" | "7" | "8" | "9";

export interface MtxSeat {
  seatNo: string;
  priceFen: number;
  feeFen: number;
  seatRow: string;
  seatCol: string;
  pieceNo: string;
}

export interface MtxOrder {
  serialNum: string;
  orderNo: string;
  cinemaCode: string;
  show: Showtime;
  seats: MtxSeat[];
  lockedAt: number;
  expiresAt: number;
  status: OrderStatus;
  /** released by UnLockOrderCenCin, or lapsed. */
  ended?: "released" | "expired";
  validCode: string;
  paidFen?: number;
  payType: string;
  /** PrintType (public-refs §9.5, PHP-MTX): 0 printed by CMTS, 1 printed by the partner, 2 not printed. */
  printType: "0" | "1" | "2";
}

/**
 * Locks and sales of one simulator instance, keyed by the partner's SerialNum, on the shared book
 * (core/order-book.ts: holds per (show, SeatNo), lock expiry and slow issues on the simulator clock);
 * 满天星's statuses, codes and rules here.
 */
const seatNosOf = (seats: readonly { seatNo: string }[]) => seats.map((s) => s.seatNo);

export class OrderBook extends SimOrderBook<MtxOrder> {
  private readonly byOrderNo = new Map<string, MtxOrder>();
  protected readonly key = (o: MtxOrder) => o.serialNum;
  protected readonly seatIds = (o: MtxOrder) => seatNosOf(o.seats);
  protected readonly view = (o: MtxOrder) => ({ lockId: o.orderNo, orderId: o.orderNo, seatIds: seatNosOf(o.seats) });

  constructor(now: () => number, faults: FaultController, seed: number) {
    super(now, faults, seed, 7);
  }

  protected issued(o: MtxOrder): void {
    o.status = "9";
    o.validCode = this.digits(6);
  }

  protected ended(o: MtxOrder, state: EndState): void {
    if (state === "released" || state === "expired") o.ended = state;
    else o.status = state === "failed" ? "6" : "7";
  }

  /** SeatNo → the holder's order, for live seat states. */
  override holder(showId: string, seatNo: string): MtxOrder | undefined {
    this.sweep();
    return super.holder(showId, seatNo);
  }

  lock(serialNum: string, cinemaCode: string, show: Showtime, seats: MtxSeat[], payType: string): MtxOrder {
    if (this.find(serialNum)) throw new MtxError(Code.serialExists, "流水号已存在");
    const taken = this.firstTaken(show.id, seatNosOf(seats));
    if (taken !== undefined) throw new MtxError(Code.seatSold, `座位${taken}已售`);
    const now = this.now();
    const order: MtxOrder = {
      serialNum,
      orderNo: `${cinemaCode.slice(-4)}${String(now).slice(-6)}${String(this.nextSeq()).padStart(4, "0")}`,
      cinemaCode,
      show,
      seats,
      lockedAt: now,
      expiresAt: now + LOCK_TTL_MS,
      status: "0",
      validCode: "",
      payType,
      printType: "2",
    };
    this.byOrderNo.set(order.orderNo, order);
    return this.file(order, order.expiresAt);
  }

  bySerialNum(serial: string): MtxOrder | undefined {
    return this.find(serial);
  }

  byNo(orderNo: string): MtxOrder | undefined {
    this.sweep();
    return this.byOrderNo.get(orderNo);
  }

  release(orderNo: string): MtxOrder {
    const o = this.byNo(orderNo);
    if (!o || o.ended) throw new MtxError(Code.noOrder, "无订单信息");
    if (o.status !== "0") throw new MtxError(Code.sellParam, "订单已售，不能解锁");
    this.releaseOrder(o);
    return o;
  }

  /** SellTicket: Payed + Balance must equal the locked seats' prices and fees. */
  sell(serial: string, paidFen: number): MtxOrder {
    const o = this.bySerialNum(serial);
    if (!o || o.ended) throw new MtxError(Code.sellLockNotFound, "锁座流水号不存在");
    if (o.status !== "0") throw new MtxError(Code.sellSerialExists, "流水号已存在（已售）");
    const due = o.seats.reduce((s, x) => s + x.priceFen + x.feeFen, 0);
    if (paidFen !== due) throw new MtxError(Code.sellParam, "支付金额与锁座价格不符");
    o.paidFen = paidFen;
    o.status = "4";
    this.sellOrder(o);
    return o;
  }

  /** AppPrintTicket: pRequestType 0 asks, 1 tells the vendor the partner printed the tickets. */
  print(orderNo: string, validCode: string, notify: boolean): MtxOrder {
    const o = this.byNo(orderNo);
    if (!o) throw new MtxError(Code.printNoOrder, "无此订单");
    if (o.validCode !== validCode) throw new MtxError(Code.printBadValidCode, "验证码错误");
    if (o.status !== "9" && o.status !== "8") throw new MtxError(Code.printOrderState, "订单状态异常");
    if (notify) {
      o.status = "8";
      o.printType = "1";
    }
    return o;
  }

  refund(orderNo: string, refundBeforeMinutes: number): MtxOrder {
    const o = this.byNo(orderNo);
    if (!o) throw new MtxError(Code.refundNoOrder, "订单不存在");
    if (o.status !== "9")
      throw new MtxError(Code.refundNotAllowed, o.status === "8" ? "订单已打印，不可退票" : "订单不可退票");
    if (this.now() > o.show.startsAt - refundBeforeMinutes * 60_000)
      throw new MtxError(Code.refundShowClosed, "场次已关闭，不能退票");
    this.refundOrder(o);
    return o;
  }
}
