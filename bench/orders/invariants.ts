/**
 * The chaos run's verdict: our database's orders compared with what the vendors (simulators) say
 * they sold. Pure: the caller reads both sides (bench/orders/lib/snapshot.ts) and passes plain data,
 * so the unit test (server/test/orders/chaos-invariants.test.ts) can hand-make each violation.
 */

import { awaitsVendor, isFinal, type OrderStatus, wasConfirmed } from "../../server/src/domain/order-states.js";
import { type BookingState, type BookingView, SEAT_TAKING_STATES } from "../../simulators/src/core/bookings.js";

/** One of our orders, as the checker needs it. */
export interface OrderFact {
  id: string;
  vendor: string;
  status: OrderStatus;
  needsAttention: boolean;
  /** The channel's payment was recorded (confirm accepted). */
  paid: boolean;
  vendorLockId: string | null;
  /** Our showtime id and the vendor seat ids (for "no seat sold twice" on our side). */
  showtimeId: string;
  vendorSeatIds: string[];
  /** Tickets recorded on the order (ticket numbers or pickup codes from the vendor). */
  hasTickets: boolean;
  /** Epoch ms of the lock's end, for unpaid orders. */
  lockedUntil: number | null;
}

/** A simulator's booking (GET /_control/bookings), with the vendor it came from. */
export interface VendorBooking extends BookingView {
  vendor: string;
}

export interface CheckInput {
  orders: OrderFact[];
  bookings: VendorBooking[];
  /** Orders the channel was told were accepted for payment (confirm answered 202). */
  channelPaid: string[];
  /** Epoch ms the snapshot was taken (for "lock ran out long ago"). */
  now: number;
  /** How long after its lock ran out an unpaid LOCKED order may wait for the sweeper (default 3 min). */
  sweepGraceMs?: number;
}

export type InvariantName =
  | "paidOrderSettled"
  | "noSeatSoldTwice"
  | "noVendorBookingWithoutOrder"
  | "noOrderStuck"
  | "channelPaymentRecorded";

export interface Violation {
  invariant: InvariantName;
  orderId?: string;
  vendor?: string;
  lockId?: string;
  message: string;
}

export interface CheckReport {
  ok: boolean;
  violations: Violation[];
  /** Harmless but worth reporting: e.g. a live vendor lock of an abandoned order (expires by itself). */
  warnings: Violation[];
  /** status (with "+attention" when flagged) → count, overall and per vendor. */
  byState: Record<string, number>;
  byVendor: Record<string, Record<string, number>>;
  /** Vendor bookings by vendor and state. */
  vendorStates: Record<string, Record<string, number>>;
}

/** Vendor states in which the seats are sold or about to be. */
const SOLD: readonly BookingState[] = ["pending", "issued"];
const TAKEN = SEAT_TAKING_STATES;
/** Paid and not final: our order holds its seats for good (or until a refund completes). */
const holding = (s: OrderStatus) => wasConfirmed(s) && !isFinal(s);

const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};
const bumpIn = (m: Record<string, Record<string, number>>, group: string, k: string) => {
  m[group] = m[group] ?? {};
  bump(m[group], k);
};

export function checkInvariants(input: CheckInput): CheckReport {
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  const grace = input.sweepGraceMs ?? 3 * 60_000;
  const bookingKey = (vendor: string, lockId: string) => `${vendor}\u0000${lockId}`;
  const bookings = new Map(input.bookings.map((b) => [bookingKey(b.vendor, b.lockId), b]));
  const byLock = new Map<string, OrderFact>();
  for (const o of input.orders) if (o.vendorLockId) byLock.set(bookingKey(o.vendor, o.vendorLockId), o);

  const byState: Record<string, number> = {};
  const byVendor: Record<string, Record<string, number>> = {};
  for (const o of input.orders) {
    const label = o.needsAttention ? `${o.status}+attention` : o.status;
    bump(byState, label);
    bumpIn(byVendor, o.vendor, label);
  }
  const vendorStates: Record<string, Record<string, number>> = {};
  for (const b of input.bookings) bumpIn(vendorStates, b.vendor, b.state);

  // 1. Every paid order ends ISSUED with a vendor ticket, FAILED with no ticket and seats free,
  //    REFUNDED with the vendor's refund, or in needsAttention for a human.
  for (const o of input.orders) {
    if (!o.paid || o.needsAttention) continue;
    const b = o.vendorLockId ? bookings.get(bookingKey(o.vendor, o.vendorLockId)) : undefined;
    const v = (message: string) =>
      violations.push({
        invariant: "paidOrderSettled",
        orderId: o.id,
        vendor: o.vendor,
        ...(o.vendorLockId ? { lockId: o.vendorLockId } : {}),
        message,
      });
    switch (o.status) {
      case "ISSUED":
        if (!o.hasTickets) v("ISSUED without tickets recorded");
        if (!b) v("ISSUED but the vendor has no booking for its lock");
        else if (b.state !== "issued") v(`ISSUED but the vendor booking is ${b.state}`);
        break;
      case "FAILED":
        if (o.hasTickets) v("FAILED but tickets are recorded");
        if (b && TAKEN.includes(b.state)) v(`FAILED but the vendor booking is ${b.state} (seats not free)`);
        break;
      case "REFUNDED":
        if (b && b.state !== "refunded" && b.state !== "reversed") v(`REFUNDED but the vendor booking is ${b.state}`);
        if (!b) v("REFUNDED but the vendor has no booking for its lock");
        break;
      case "CONFIRMING":
      case "REFUNDING":
        break; // reported as stuck below
      default:
        v(`paid order ended ${o.status}`);
    }
  }

  // 2. No seat sold twice: on the vendors' side and on ours.
  const vendorSeats = new Map<string, string>();
  for (const b of input.bookings) {
    if (!TAKEN.includes(b.state)) continue;
    for (const seat of b.seatIds) {
      const k = `${b.vendor}\u0000${b.showtimeId}\u0000${seat}`;
      const other = vendorSeats.get(k);
      if (other !== undefined && b.state !== "locked") {
        violations.push({
          invariant: "noSeatSoldTwice",
          vendor: b.vendor,
          lockId: b.lockId,
          message: `${b.vendor} seat ${seat} of showtime ${b.showtimeId} is in bookings ${other} and ${b.lockId}`,
        });
      } else if (other !== undefined) {
        warnings.push({
          invariant: "noSeatSoldTwice",
          vendor: b.vendor,
          lockId: b.lockId,
          message: `${b.vendor} seat ${seat} of showtime ${b.showtimeId} is locked twice (${other}, ${b.lockId})`,
        });
      }
      vendorSeats.set(k, b.lockId);
    }
  }
  const ourSeats = new Map<string, string>();
  for (const o of input.orders) {
    if (!holding(o.status)) continue;
    for (const seat of o.vendorSeatIds) {
      const k = `${o.showtimeId}\u0000${seat}`;
      const other = ourSeats.get(k);
      if (other !== undefined) {
        violations.push({
          invariant: "noSeatSoldTwice",
          orderId: o.id,
          vendor: o.vendor,
          message: `seat ${seat} of showtime ${o.showtimeId} is held by orders ${other} and ${o.id}`,
        });
      }
      ourSeats.set(k, o.id);
    }
  }

  // 3. No vendor booking without an order: a sold or pending vendor booking belongs to one of our
  //    orders that holds those seats. A live lock nobody owns only blocks seats until it expires.
  for (const b of input.bookings) {
    const o = byLock.get(bookingKey(b.vendor, b.lockId));
    if (SOLD.includes(b.state)) {
      const holds = o && (holding(o.status) || o.needsAttention);
      if (!holds) {
        violations.push({
          invariant: "noVendorBookingWithoutOrder",
          vendor: b.vendor,
          lockId: b.lockId,
          ...(o ? { orderId: o.id } : {}),
          message: o
            ? `${b.vendor} booking ${b.lockId} is ${b.state} but our order ${o.id} is ${o.status}`
            : `${b.vendor} booking ${b.lockId} is ${b.state} and no order of ours has that lock`,
        });
      }
    } else if (b.state === "locked") {
      const live = o && (o.status === "LOCKED" || holding(o.status) || o.needsAttention);
      if (!live) {
        warnings.push({
          invariant: "noVendorBookingWithoutOrder",
          vendor: b.vendor,
          lockId: b.lockId,
          ...(o ? { orderId: o.id } : {}),
          message: o
            ? `${b.vendor} lock ${b.lockId} is still live but our order ${o.id} is ${o.status}`
            : `${b.vendor} lock ${b.lockId} is live and no order of ours has it (lost lock answer)`,
        });
      }
    }
  }

  // 4. No order stuck outside needsAttention.
  for (const o of input.orders) {
    if (o.needsAttention) continue;
    const stuck =
      awaitsVendor(o.status) ||
      (o.status === "LOCKED" && (o.lockedUntil === null || o.lockedUntil + grace < input.now));
    if (stuck) {
      violations.push({
        invariant: "noOrderStuck",
        orderId: o.id,
        vendor: o.vendor,
        message: `order is still ${o.status} and not flagged needsAttention`,
      });
    }
  }

  // 5. What the channel was told: a confirm answered 202 is a recorded payment.
  const byId = new Map(input.orders.map((o) => [o.id, o]));
  for (const id of input.channelPaid) {
    const o = byId.get(id);
    if (!o?.paid) {
      violations.push({
        invariant: "channelPaymentRecorded",
        orderId: id,
        message: o ? `the channel's confirm was accepted but order is ${o.status} unpaid` : "order not found",
      });
    }
  }

  return { ok: violations.length === 0, violations, warnings, byState, byVendor, vendorStates };
}
