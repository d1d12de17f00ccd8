import type { BookingState, BookingView } from "./bookings.js";
import type { FaultController } from "./faults.js";
import { SeatHolds } from "./seat-holds.js";
import { xorshiftDigits } from "./xorshift-digits.js";

/** How an order left the book's live states; the vendor writes its own wire status for each. */
export type EndState = Extract<BookingState, "released" | "expired" | "failed" | "refunded">;

interface Life {
  state: BookingState;
  expiresAt: number;
  issueAt?: number;
  issueOutcome?: "success" | "fail";
}

/**
 * The lock → sale → issue → refund life every seat vendor's simulator shares: exclusive seat
 * holds per (showtime, seat), lock expiry and the slow issue the faults inject (`slowIssueMinutes`)
 * on the simulator clock, settled lazily by `sweep`, the booking views and the seeded digits the
 * vendor's codes are made of. A vendor's book extends it with its own records (filed under
 * `o.show.id`), wire statuses, codes, errors and protocol checks (which states allow which call),
 * and asks it to move an order on; it is told of an issue and of an end through two hooks.
 */
export abstract class SimOrderBook<O extends { show: { id: string } }> {
  private readonly orders = new Map<string, O>();
  private readonly lives = new Map<O, Life>();
  /** Orders that time can change: still locked, or sold and waiting for the cinema. */
  private readonly live = new Set<O>();
  private readonly holds = new SeatHolds();
  private seq = 0;
  /** Seeded decimal digits for the codes the vendor makes up (one data-set seed, the same codes). */
  protected readonly digits: (n: number) => string;

  constructor(
    protected readonly now: () => number,
    private readonly faults: FaultController,
    seed: number,
    zeroSeed?: number,
  ) {
    this.digits = xorshiftDigits(seed, zeroSeed);
  }

  /** The id the order is filed and its seats held under (the partner's or the vendor's lock id). */
  protected abstract readonly key: (o: O) => string;
  /** The seat ids the holds are taken for. */
  protected abstract readonly seatIds: (o: O) => readonly string[];
  /** What `GET /_control/bookings` shows of the order; `orderId` is shown once the order was sold and has one. */
  protected abstract readonly view: (o: O) => { lockId: string; orderId: string; seatIds: string[] };
  /** The cinema issued the tickets: the vendor writes its status and ticket codes. */
  protected abstract issued(o: O): void;
  /** The order ended (its seats are free again): the vendor writes its status. */
  protected abstract ended(o: O, state: EndState): void;

  /** Applies what time has done: lapsed locks end expired, slow issues settle. */
  sweep(): void {
    const now = this.now();
    for (const o of this.live) {
      const life = this.life(o);
      if (life.state === "locked" && now >= life.expiresAt) this.end(o, "expired");
      else if (life.state === "pending" && life.issueAt !== undefined && now >= life.issueAt) {
        if (life.issueOutcome === "fail") this.end(o, "failed");
        else this.issue(o);
      }
    }
  }

  /** The order holding a seat; call `sweep` first (once per reply, not once per seat). */
  holder(showId: string, seatId: string): O | undefined {
    const key = this.holds.holder(showId, seatId);
    return key === undefined ? undefined : this.orders.get(key);
  }

  /** Simulator hook (not part of any protocol): every order and what became of it. */
  views(): BookingView[] {
    this.sweep();
    return [...this.lives].map(([o, { state }]) => {
      const { lockId, orderId, seatIds } = this.view(o);
      const sold = state !== "locked" && state !== "released" && state !== "expired";
      return { lockId, ...(sold && orderId ? { orderId } : {}), showtimeId: o.show.id, seatIds, state };
    });
  }

  /** 1, 2, 3 …: the vendor's running order number. */
  protected nextSeq(): number {
    return ++this.seq;
  }

  /** The first of the seats another order holds, if any (the vendor answers with its own error). */
  protected firstTaken(showId: string, seatIds: Iterable<string>): string | undefined {
    this.sweep();
    return this.holds.firstTaken(showId, seatIds);
  }

  /** Files a new locked order and holds its seats until `expiresAt`; the caller checked `firstTaken`. */
  protected file(o: O, expiresAt: number): O {
    const key = this.key(o);
    this.orders.set(key, o);
    this.lives.set(o, { state: "locked", expiresAt });
    this.live.add(o);
    this.holds.hold(o.show.id, this.seatIds(o), key);
    return o;
  }

  protected find(key: string): O | undefined {
    this.sweep();
    return this.orders.get(key);
  }

  protected stateOf(o: O): BookingState {
    return this.life(o).state;
  }

  /** The partner let go of a locked order. */
  protected releaseOrder(o: O): void {
    this.end(o, "released");
  }

  /**
   * The sale of a locked order: issued at once, or — while a slow issue is injected — pending until
   * the cinema answers. Write the vendor's "waiting" status before calling: `issued` overwrites it.
   */
  protected sellOrder(o: O): BookingState {
    const life = this.life(o);
    const { slowIssueMinutes, slowIssueOutcome } = this.faults.config;
    if (slowIssueMinutes > 0) {
      life.state = "pending";
      life.issueAt = this.now() + slowIssueMinutes * 60_000;
      life.issueOutcome = slowIssueOutcome;
    } else {
      this.issue(o);
    }
    return life.state;
  }

  /** An issued order refunded: its seats are free again. */
  protected refundOrder(o: O): void {
    this.end(o, "refunded");
  }

  private life(o: O): Life {
    const life = this.lives.get(o);
    if (!life) throw new Error("not an order of this book");
    return life;
  }

  private issue(o: O): void {
    this.life(o).state = "issued";
    this.live.delete(o);
    this.issued(o);
  }

  private end(o: O, state: EndState): void {
    this.life(o).state = state;
    this.live.delete(o);
    this.holds.release(o.show.id, this.seatIds(o), this.key(o));
    this.ended(o, state);
  }
}

/** The data-set seat ids of an order's seat lines (what the holds are taken for). */
export const seatIdsOf = (seats: readonly { seatId: string }[]): string[] => seats.map((s) => s.seatId);

/**
 * A book whose orders are filed, and shown, under their own order code, with the wire seat codes of
 * their seat lines: the 2013 national-standard shape 辰星 and 火烈鸟 1.5 both keep.
 */
export abstract class OrderCodeBook<
  O extends { orderCode: string; show: { id: string }; seats: readonly { seatId: string; seatCode: string }[] },
> extends SimOrderBook<O> {
  protected readonly key = (o: O) => o.orderCode;
  protected readonly seatIds = (o: O) => seatIdsOf(o.seats);
  protected readonly view = (o: O) => ({
    lockId: o.orderCode,
    orderId: o.orderCode,
    seatIds: o.seats.map((s) => s.seatCode),
  });
}
