import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import { type EndState, SimOrderBook } from "../core/order-book.js";
import { M1905SimCode, M1905SimError } from "./codes.js";

/**
 * Lock lifetime. The refs show that 1905 returns the expiry per seat (AutoUnlockDatetime) but not
 * how long it is; the simulator holds seats 15 minutes and says so in every lock reply.
 */
export const LOCK_TTL_MS = 15 * 60_000;
/** No public source states 1905's limit; the simulator takes the common 4. */
export const MAX_SEATS = 4;

/** OrderStatus (§8.3): 0 locked, 1 success, 2 unknown (keep polling), 6 released. */
export type OrderStatus = 0 | 1 | 2 | 6;

export interface M1905Order {
  /** The partner's pOrderID. */
  partnerId: string;
  /** 1905's own OrderNo. */
  orderNo: string;
  cinema: Cinema;
  hall: Hall;
  show: Showtime;
  seatNos: string[];
  pricesFen: number[];
  feesFen: number[];
  lockExpiresAt: number;
  status: OrderStatus;
  refunded: boolean;
  printed: boolean;
  printNo: string;
  verifyCode: string;
  /** Set when paid by member card (simulator bookkeeping for refunds). */
  cardNo?: string;
  paidFen?: number;
  /** Why the order ended released: the partner unlocked it, the lock lapsed or the issue failed. */
  endedBy?: "unlock" | "expiry" | "fail";
}

/**
 * The simulator's locks and sales, on the shared book (core/order-book.ts: holds per (session,
 * seat), lock expiry and slow issues on the simulator clock); 1905's statuses, codes and rules here.
 */
export class OrderBook extends SimOrderBook<M1905Order> {
  protected readonly key = (o: M1905Order) => o.partnerId;
  protected readonly seatIds = (o: M1905Order) => o.seatNos;
  protected readonly view = (o: M1905Order) => ({ lockId: o.partnerId, orderId: o.orderNo, seatIds: [...o.seatNos] });

  protected issued(o: M1905Order): void {
    o.status = 1;
    o.printNo = this.digits(10);
    o.verifyCode = this.digits(6);
  }

  protected ended(o: M1905Order, state: EndState): void {
    if (state === "refunded") {
      o.refunded = true;
      return;
    }
    o.status = 6;
    o.endedBy = state === "expired" ? "expiry" : state === "failed" ? "fail" : "unlock";
  }

  lock(
    req: Omit<M1905Order, "orderNo" | "lockExpiresAt" | "status" | "refunded" | "printed" | "printNo" | "verifyCode">,
  ): M1905Order {
    if (this.find(req.partnerId)) throw new M1905SimError(M1905SimCode.orderState, "订单号已存在");
    if (this.firstTaken(req.show.id, req.seatNos) !== undefined) throw new M1905SimError(M1905SimCode.seatTaken);
    const now = this.now();
    const order: M1905Order = {
      ...req,
      orderNo: `${String(now).slice(0, 10)}${String(this.nextSeq()).padStart(6, "0")}`,
      lockExpiresAt: now + LOCK_TTL_MS,
      status: 0,
      refunded: false,
      printed: false,
      printNo: "",
      verifyCode: "",
    };
    return this.file(order, order.lockExpiresAt);
  }

  get(partnerId: string): M1905Order {
    const o = this.find(partnerId);
    if (!o) throw new M1905SimError(M1905SimCode.orderNotFound);
    return o;
  }

  unlock(partnerId: string): M1905Order {
    const o = this.get(partnerId);
    if (o.status !== 0) throw new M1905SimError(M1905SimCode.orderState);
    this.releaseOrder(o);
    return o;
  }

  /** The sale of a locked order; with slowIssueMinutes set, it waits in status 2 for the cinema. */
  sell(partnerId: string, seatNos: string[], pricesFen: number[], feesFen: number[]): M1905Order {
    const o = this.get(partnerId);
    if (o.status !== 0) throw new M1905SimError(M1905SimCode.orderState);
    const same = (a: readonly unknown[], b: readonly unknown[]) =>
      a.length === b.length && a.every((v, i) => v === b[i]);
    if (!same(seatNos, o.seatNos)) throw new M1905SimError(M1905SimCode.badParam, "座位与锁座不一致");
    if (!same(pricesFen, o.pricesFen) || !same(feesFen, o.feesFen)) {
      throw new M1905SimError(M1905SimCode.badParam, "票价或服务费与锁座不一致");
    }
    o.status = 2;
    this.sellOrder(o);
    return o;
  }

  /** A refund of an issued, unprinted order, refused within the cinema's refund window. */
  refund(partnerId: string, printNo: string): M1905Order {
    const o = this.get(partnerId);
    if (o.status !== 1 || o.refunded) throw new M1905SimError(M1905SimCode.orderState);
    if (printNo !== o.printNo) throw new M1905SimError(M1905SimCode.badParam, "取票号不正确");
    if (o.printed) throw new M1905SimError(M1905SimCode.refundRefused, "影票已打印，不能退票");
    if (this.now() > o.show.startsAt - o.cinema.refundBeforeMinutes * 60_000) {
      throw new M1905SimError(M1905SimCode.refundRefused, "已过退票时间");
    }
    this.refundOrder(o);
    return o;
  }

  markPrinted(partnerId: string): M1905Order {
    const o = this.get(partnerId);
    if (o.status !== 1 || o.refunded) throw new M1905SimError(M1905SimCode.orderState);
    o.printed = true;
    return o;
  }
}
