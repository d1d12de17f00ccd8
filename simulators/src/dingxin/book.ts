import type { BookingState, BookingView } from "../core/bookings.js";
import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { SeatHolds } from "../core/seat-holds.js";
import { xorshiftDigits } from "../core/xorshift-digits.js";
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
  issueAt?: number;
  issueOutcome?: "success" | "fail";
  ticketFlag1: string;
  ticketFlag2: string;
  tickets: DxTicket[];
  refund?: { partnerRefundId: string; at: number };
  cardNo?: string;
}

/**
 * Locks, sales and refunds of one simulator instance. Holds are exclusive per (play, seat); time
 * is the simulator clock; lapsed locks and slow issues are settled lazily by `sweep`.
 */
export class DxBook {
  private readonly locks = new Map<string, DxLock>();
  private readonly sales = new Map<string, DxSale>();
  private readonly byFlags = new Map<string, DxSale>();
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
    for (const lock of this.locks.values()) {
      if (lock.state === "locked" && now >= lock.expiresAt) {
        lock.state = "expired";
        this.free(lock);
      }
    }
    for (const sale of this.sales.values()) {
      if (sale.status === "processing" && sale.issueAt !== undefined && now >= sale.issueAt) {
        this.settle(sale, sale.issueOutcome ?? "success");
      }
    }
  }

  private free(lock: DxLock): void {
    this.holds.release(lock.show.id, lock.seatIds, lock.lockFlag);
  }

  /** The hold on a data-set seat of a show: the lock flag, or undefined. */
  holder(showId: string, seatId: string): DxLock | undefined {
    const flag = this.holds.holder(showId, seatId);
    return flag ? this.locks.get(flag) : undefined;
  }

  lock(req: Omit<DxLock, "lockFlag" | "expiresAt" | "state">): DxLock {
    this.sweep();
    if (this.holds.firstTaken(req.show.id, req.seatIds) !== undefined) {
      throw new DxError(DxCode.lockFailed, "锁座失败，座位已被占用");
    }
    this.seq++;
    const lock: DxLock = {
      ...req,
      lockFlag: `${this.digits(4)}${String(this.seq).padStart(6, "0")}`,
      expiresAt: this.now() + LOCK_TTL_MS,
      state: "locked",
    };
    this.holds.hold(req.show.id, req.seatIds, lock.lockFlag);
    this.locks.set(lock.lockFlag, lock);
    return lock;
  }

  getLock(flag: string): DxLock {
    this.sweep();
    const lock = this.locks.get(flag);
    if (!lock) throw new DxError(DxCode.lockExpired, "锁座信息不存在");
    return lock;
  }

  unlock(flag: string): void {
    const lock = this.getLock(flag);
    if (lock.state !== "locked") throw new DxError(DxCode.lockExpired, "锁座已失效，无需解锁");
    lock.state = "released";
    this.free(lock);
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
    const now = this.now();
    lock.state = "sold";
    const sale: DxSale = {
      partnerId,
      lock,
      ...extra,
      createdAt: now,
      status: "processing",
      ticketFlag1: "",
      ticketFlag2: "",
      tickets: seats.map((s) => ({ ...s, sellId: "", status: 1 })),
    };
    this.sales.set(partnerId, sale);
    const { slowIssueMinutes, slowIssueOutcome } = this.faults.config;
    if (slowIssueMinutes > 0) {
      sale.issueAt = now + slowIssueMinutes * 60_000;
      sale.issueOutcome = slowIssueOutcome;
    } else {
      this.settle(sale, "success");
    }
    return sale;
  }

  private settle(sale: DxSale, outcome: "success" | "fail"): void {
    sale.status = outcome;
    if (outcome === "fail") {
      this.free(sale.lock);
      return;
    }
    sale.ticketFlag1 = this.digits(8);
    sale.ticketFlag2 = this.digits(6);
    for (const t of sale.tickets) t.sellId = `${sale.ticketFlag1}${this.digits(4)}`;
    this.byFlags.set(`${sale.ticketFlag1}|${sale.ticketFlag2}`, sale);
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
    this.free(sale.lock);
  }

  views(): BookingView[] {
    this.sweep();
    const sold = new Map([...this.sales.values()].map((s) => [s.lock.lockFlag, s]));
    return [...this.locks.values()].map((lock) => {
      const sale = sold.get(lock.lockFlag);
      return {
        lockId: lock.lockFlag,
        ...(sale ? { orderId: sale.partnerId } : {}),
        showtimeId: lock.show.id,
        seatIds: [...lock.seatIds],
        state: viewState(lock, sale),
      };
    });
  }
}

function viewState(lock: DxLock, sale: DxSale | undefined): BookingState {
  if (sale) {
    if (sale.status === "processing") return "pending";
    if (sale.status === "fail") return "failed";
    return sale.refund ? "refunded" : "issued";
  }
  return lock.state === "sold" ? "issued" : lock.state;
}
