import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import { type EndState, SimOrderBook } from "../core/order-book.js";
import { DxCode, DxError } from "./codes.js";

/** Not returned by 鼎新; NS assumes 10 minutes (public-refs §4.5, inferred). The simulator uses that. */
export const LOCK_TTL_MS = 10 * 60_000;

export interface DxLock {
  lockFlag: string;
  cinema: Cinema;
  hall: Hall;
  hallWireId: number;
  show: Showtime;
  playId: number;
  /** Wire seat ids (cineSeatId) and the data-set seat ids behind them. */
  wireSeatIds: string[];
  seatIds: string[];
  expiresAt: number;
  state: "locked" | "released" | "expired" | "sold";
}

export interface DxTicket {
  seatId: string;
  sellId: string;
  priceFen: number;
  feeFen: number;
  status: 1 | 2 | 3;
  printTime?: number;
}

export interface DxSale {
  partnerId: string;
  lock: DxLock;
  mobile?: string;
  createdAt: number;
  /** processing (slow issue), success, fail. */
  status: "processing" | "success" | "fail";
  ticketFlag1: string;
  ticketFlag2: string;
  tickets: DxTicket[];
  refund?: { partnerRefundId: string; at: number };
  cardNo?: string;
}

/**
 * Locks, sales and refunds of one simulator instance, on the shared book (core/order-book.ts: holds
 * per (play, seat), lock expiry and slow issues on the simulator clock); 鼎新's records and codes here.
 */
export class DxBook extends SimOrderBook<DxLock> {
  private readonly sales = new Map<string, DxSale>();
  /** The sale of each sold lock, by lock flag. */
  private readonly saleOf = new Map<string, DxSale>();
  private readonly byFlags = new Map<string, DxSale>();
  protected readonly key = (lock: DxLock) => lock.lockFlag;
  protected readonly seatIds = (lock: DxLock) => lock.seatIds;
  protected readonly view = (lock: DxLock) => ({
    lockId: lock.lockFlag,
    orderId: this.saleOf.get(lock.lockFlag)?.partnerId ?? "",
    seatIds: [...lock.seatIds],
  });

  protected issued(lock: DxLock): void {
    const sale = this.saleOf.get(lock.lockFlag)!;
    sale.status = "success";
    sale.ticketFlag1 = this.digits(8);
    sale.ticketFlag2 = this.digits(6);
    for (const t of sale.tickets) t.sellId = `${sale.ticketFlag1}${this.digits(4)}`;
    this.byFlags.set(`${sale.ticketFlag1}|${sale.ticketFlag2}`, sale);
  }

  protected ended(lock: DxLock, state: EndState): void {
    if (state === "released" || state === "expired") lock.state = state;
    else if (state === "failed") this.saleOf.get(lock.lockFlag)!.status = "fail";
  }

  lock(req: Omit<DxLock, "lockFlag" | "expiresAt" | "state">): DxLock {
    if (this.firstTaken(req.show.id, req.seatIds) !== undefined) {
      throw new DxError(DxCode.lockFailed, "锁座失败，座位已被占用");
    }
    const lock: DxLock = {
      ...req,
      lockFlag: `${this.digits(4)}${String(this.nextSeq()).padStart(6, "0")}`,
      expiresAt: this.now() + LOCK_TTL_MS,
      state: "locked",
    };
    return this.file(lock, lock.expiresAt);
  }

  getLock(flag: string): DxLock {
    const lock = this.find(flag);
    if (!lock) throw new DxError(DxCode.lockExpired, "锁座信息不存在");
    return lock;
  }

  unlock(flag: string): void {
    const lock = this.getLock(flag);
    if (lock.state !== "locked") throw new DxError(DxCode.lockExpired, "锁座已失效，无需解锁");
    this.releaseOrder(lock);
  }

  sell(
    lock: DxLock,
    partnerId: string,
    seats: Array<{ seatId: string; priceFen: number; feeFen: number }>,
    extra: { mobile?: string; cardNo?: string },
  ): DxSale {
    this.sweep();
    if (this.sales.has(partnerId)) throw new DxError(DxCode.duplicateOrder, "合作方订单号已存在");
    if (lock.state !== "locked") throw new DxError(DxCode.lockExpired, "锁座已失效，请重新锁座");
    lock.state = "sold";
    const sale: DxSale = {
      partnerId,
      lock,
      ...extra,
      createdAt: this.now(),
      status: "processing",
      ticketFlag1: "",
      ticketFlag2: "",
      tickets: seats.map((s) => ({ ...s, sellId: "", status: 1 })),
    };
    this.sales.set(partnerId, sale);
    this.saleOf.set(lock.lockFlag, sale);
    this.sellOrder(lock);
    return sale;
  }

  sale(partnerId: string): DxSale {
    this.sweep();
    const sale = this.sales.get(partnerId);
    if (!sale) throw new DxError(DxCode.orderNotFound, "订单不存在");
    return sale;
  }

  byTicketFlags(flag1: string, flag2: string): DxSale {
    this.sweep();
    const sale = this.byFlags.get(`${flag1}|${flag2}`);
    if (!sale) throw new DxError(DxCode.orderNotFound, "订单不存在，请核对取票序号和验证码");
    return sale;
  }

  refund(sale: DxSale, partnerRefundId: string): void {
    sale.refund = { partnerRefundId, at: this.now() };
    for (const t of sale.tickets) t.status = 3;
    this.refundOrder(sale.lock);
  }
}
