import type { SimClock } from "../core/clock.js";
import type { Cinema } from "../core/dataset-types.js";
import { seededRandom } from "../core/faults.js";
import type { TicketType, VistaSeat, VistaSession } from "./catalog.js";

/** How long AddTickets holds seats. The document is silent; DESIGN.md's default of 15 minutes applies. */
export const HOLD_MINUTES = 15;

export interface OrderLine {
  session: VistaSession;
  seat: VistaSeat;
  ticketType: TicketType;
  priceCents: number;
  bookingFeeCents: number;
}

export interface PaymentInfo {
  CardNumber: string;
  CardType: string;
  PaymentValueCents: number;
  PaymentTenderCategory: string;
}

/**
 * open: seats held after AddTickets; committing: CompleteOrder accepted but the cinema has not finished
 * (slow issue); completed: booked; failed: commit failed; cancelled: CancelOrder; expired: hold timed out.
 */
export type OrderState = "open" | "committing" | "completed" | "failed" | "cancelled" | "expired";

export interface Order {
  userSessionId: string;
  cinema: Cinema;
  clientId: string;
  lines: OrderLine[];
  /** Whole-order booking fee override (wins over per-ticket overrides). */
  orderBookingFeeCents: number | null;
  state: OrderState;
  createdAt: number;
  lastUpdated: number;
  expiresAt: number;
  paymentStarted: boolean;
  payment?: PaymentInfo;
  customer?: { phone: string; email: string; name: string };
  commitAt?: number;
  commitOutcome?: "success" | "fail";
  booking?: Booking;
}

export interface Booking {
  bookingId: string;
  bookingNumber: number;
  transNumber: number;
  historyId: string;
  order: Order;
  bookedAt: number;
  collected: boolean;
  collectedAt?: number;
  refunded: boolean;
  refundedAt?: number;
  refundReason?: string;
}

export function bookingFeeCents(order: Order): number {
  if (order.orderBookingFeeCents !== null) return order.orderBookingFeeCents;
  return order.lines.reduce((s, l) => s + l.bookingFeeCents, 0);
}

export function totalValueCents(order: Order): number {
  return order.lines.reduce((s, l) => s + l.priceCents, 0) + bookingFeeCents(order);
}

const ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** Orders, seat occupancy and bookings of one simulator instance. */
export class VistaState {
  readonly orders = new Map<string, Order>();
  /** Orders whose timers matter (open or committing). */
  private readonly live = new Set<Order>();
  /** sessionId → seatId → order holding or owning it. */
  private readonly occupancy = new Map<string, Map<string, Order>>();
  readonly bookingsByNumber = new Map<number, Booking>();
  readonly bookingsById = new Map<string, Booking>();
  private nextBookingNumber = 111972;
  private nextTransNumber = 375975;
  private readonly random: () => number;

  constructor(
    private readonly clock: SimClock,
    seed: number,
  ) {
    this.random = seededRandom(seed ^ 0x5f3759df);
  }

  /** Applies every timer that has come due: hold expiry and slow-issue completion. */
  tick(): void {
    const now = this.clock.now();
    for (const order of this.live) {
      if (order.state === "open" && now >= order.expiresAt) {
        this.release(order, "expired");
      } else if (order.state === "committing" && order.commitAt !== undefined && now >= order.commitAt) {
        if (order.commitOutcome === "fail") this.release(order, "failed");
        else this.book(order, order.commitAt);
      }
    }
  }

  holder(sessionId: string, seatId: string): Order | undefined {
    return this.occupancy.get(sessionId)?.get(seatId);
  }

  occupiedCount(sessionId: string): number {
    return this.occupancy.get(sessionId)?.size ?? 0;
  }

  /** Adds lines to an order and holds their seats; the caller has checked availability. */
  hold(order: Order, lines: OrderLine[]): void {
    const now = this.clock.now();
    for (const line of lines) {
      let seats = this.occupancy.get(line.session.sessionId);
      if (!seats) {
        seats = new Map();
        this.occupancy.set(line.session.sessionId, seats);
      }
      if (seats.has(line.seat.seat.id)) throw new Error("seat already held");
      seats.set(line.seat.seat.id, order);
      order.lines.push(line);
    }
    order.lastUpdated = now;
    order.expiresAt = now + HOLD_MINUTES * 60_000;
    this.orders.set(order.userSessionId, order);
    this.live.add(order);
  }

  /** Frees the order's seats and moves it to a final state. */
  release(order: Order, state: "cancelled" | "expired" | "failed"): void {
    for (const line of order.lines) {
      const seats = this.occupancy.get(line.session.sessionId);
      if (seats?.get(line.seat.seat.id) === order) seats.delete(line.seat.seat.id);
    }
    order.state = state;
    order.lastUpdated = this.clock.now();
    this.live.delete(order);
  }

  /** Frees a booked order's seats after a refund (the booking itself stays, marked refunded). */
  releaseBooked(order: Order): void {
    for (const line of order.lines) {
      const seats = this.occupancy.get(line.session.sessionId);
      if (seats?.get(line.seat.seat.id) === order) seats.delete(line.seat.seat.id);
    }
  }

  startCommit(order: Order, commitAt: number, outcome: "success" | "fail"): void {
    order.state = "committing";
    order.commitAt = commitAt;
    order.commitOutcome = outcome;
    order.lastUpdated = this.clock.now();
  }

  /** Turns a held order into a booking (seats stay occupied, now as sold). */
  book(order: Order, at = this.clock.now()): Booking {
    const booking: Booking = {
      bookingId: this.newBookingId(),
      bookingNumber: this.nextBookingNumber++,
      transNumber: this.nextTransNumber++,
      historyId: String(1935728 + this.bookingsByNumber.size),
      order,
      bookedAt: at,
      collected: false,
      refunded: false,
    };
    order.booking = booking;
    order.state = "completed";
    order.lastUpdated = at;
    this.live.delete(order);
    this.bookingsByNumber.set(booking.bookingNumber, booking);
    this.bookingsById.set(booking.bookingId, booking);
    return booking;
  }

  private newBookingId(): string {
    for (;;) {
      let id = "";
      for (let i = 0; i < 7; i++) id += ID_ALPHABET[Math.floor(this.random() * ID_ALPHABET.length)];
      if (!this.bookingsById.has(id)) return id;
    }
  }
}
