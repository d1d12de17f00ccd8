import type { BookingState, BookingView } from "../core/bookings.js";
import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { SeatHolds } from "../core/seat-holds.js";
import { xorshiftDigits } from "../core/xorshift-digits.js";
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
  /** Slow issue: when the cinema answers, and with what. */
  issueAt?: number;
  issueOutcome?: "success" | "fail";
  /** Set when paid by member card (simulator bookkeeping for refunds). */
  cardNo?: string;
  paidFen?: number;
  /** Why the order ended released: the partner unlocked it, the lock lapsed or the issue failed. */
  endedBy?: "unlock" | "expiry" | "fail";
}

/**
 * The simulator's locks and sales. Holds are exclusive per (session, seat); time comes from the
 * simulator clock, and lapsed locks and slow issues are settled lazily before every read or write.
 */
export class OrderBook {
  private readonly orders = new Map<string, M1905Order>();
  private readonly holds = new SeatHolds();
  /** Orders still locked (0) or waiting for the cinema (2): the only ones time can change. */
  private readonly live = new Set<M1905Order>();
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
      if (o.status === 0 && now >= o.lockExpiresAt) this.end(o, "expiry");
      else if (o.status === 2 && o.issueAt !== undefined && now >= o.issueAt) {
        if (o.issueOutcome === "fail") this.end(o, "fail");
        else this.issue(o);
      }
    }
  }

  private end(o: M1905Order, why: M1905Order["endedBy"]): void {
    this.live.delete(o);
    o.status = 6;
    o.endedBy = why;
    this.free(o);
  }

  private issue(o: M1905Order): void {
    this.live.delete(o);
    o.status = 1;
    o.printNo = this.digits(10);
    o.verifyCode = this.digits(6);
  }

  private free(o: M1905Order): void {
    this.holds.release(o.show.id, o.seatNos, o.partnerId);
  }

  /** Who holds a seat; call `sweep` first (once per reply, not once per seat). */
  holder(showId: string, seatNo: string): M1905Order | undefined {
    const id = this.holds.holder(showId, seatNo);
    return id === undefined ? undefined : this.orders.get(id);
  }

  lock(
    req: Omit<M1905Order, "orderNo" | "lockExpiresAt" | "status" | "refunded" | "printed" | "printNo" | "verifyCode">,
  ): M1905Order {
    this.sweep();
    if (this.orders.has(req.partnerId)) throw new M1905SimError(M1905SimCode.orderState, "订单号已存在");
    if (this.holds.firstTaken(req.show.id, req.seatNos) !== undefined) throw new M1905SimError(M1905SimCode.seatTaken);
    const now = this.now();
    const order: M1905Order = {
      ...req,
      orderNo: `${String(now).slice(0, 10)}${String(++this.seq).padStart(6, "0")}`,
      lockExpiresAt: now + LOCK_TTL_MS,
      status: 0,
      refunded: false,
      printed: false,
      printNo: "",
      verifyCode: "",
    };
    this.holds.hold(req.show.id, req.seatNos, order.partnerId);
    this.orders.set(order.partnerId, order);
    this.live.add(order);
    return order;
  }

  get(partnerId: string): M1905Order {
    this.sweep();
    const o = this.orders.get(partnerId);
    if (!o) throw new M1905SimError(M1905SimCode.orderNotFound);
    return o;
  }

  unlock(partnerId: string): M1905Order {
    const o = this.get(partnerId);
    if (o.status !== 0) throw new M1905SimError(M1905SimCode.orderState);
    this.end(o, "unlock");
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
    const { slowIssueMinutes, slowIssueOutcome } = this.faults.config;
    if (slowIssueMinutes > 0) {
      o.status = 2;
      o.issueAt = this.now() + slowIssueMinutes * 60_000;
      o.issueOutcome = slowIssueOutcome;
    } else {
      this.issue(o);
    }
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
    o.refunded = true;
    this.free(o);
    return o;
  }

  markPrinted(partnerId: string): M1905Order {
    const o = this.get(partnerId);
    if (o.status !== 1 || o.refunded) throw new M1905SimError(M1905SimCode.orderState);
    o.printed = true;
    return o;
  }

  views(): BookingView[] {
    this.sweep();
    return [...this.orders.values()].map((o) => ({
      lockId: o.partnerId,
      ...(o.status === 1 || o.status === 2 || o.endedBy === "fail" ? { orderId: o.orderNo } : {}),
      showtimeId: o.show.id,
      seatIds: [...o.seatNos],
      state: viewState(o),
    }));
  }
}

function viewState(o: M1905Order): BookingState {
  if (o.status === 0) return "locked";
  if (o.status === 2) return "pending";
  if (o.status === 1) return o.refunded ? "refunded" : "issued";
  if (o.endedBy === "fail") return "failed";
  return o.endedBy === "expiry" ? "expired" : "released";
}
