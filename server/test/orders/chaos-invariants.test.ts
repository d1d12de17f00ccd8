import { describe, expect, it } from "vitest";
import {
  type CheckInput,
  checkInvariants,
  type OrderFact,
  type VendorBooking,
} from "../../../bench/orders/invariants.js";

const NOW = Date.UTC(2026, 10, 23, 12);

const order = (id: string, over: Partial<OrderFact> = {}): OrderFact => ({
  id,
  vendor: "ykse",
  status: "ISSUED",
  needsAttention: false,
  paid: true,
  vendorLockId: `L-${id}`,
  showtimeId: "sh1",
  vendorSeatIds: [`seat-${id}`],
  hasTickets: true,
  lockedUntil: NOW + 60_000,
  ...over,
});

const booking = (lockId: string, over: Partial<VendorBooking> = {}): VendorBooking => ({
  vendor: "ykse",
  lockId,
  orderId: `V-${lockId}`,
  showtimeId: "v-sh1",
  seatIds: [`vs-${lockId}`],
  state: "issued",
  ...over,
});

/** A consistent world: issued, failed, refunded, flagged, cancelled orders and their vendor bookings. */
function healthy(): CheckInput {
  return {
    orders: [
      order("a"),
      order("b", { status: "FAILED", hasTickets: false }),
      order("c", { status: "REFUNDED", vendor: "vista" }),
      order("d", { status: "CONFIRMING", needsAttention: true }),
      order("e", { status: "CANCELLED", paid: false, hasTickets: false }),
      order("f", { status: "LOCK_FAILED", paid: false, vendorLockId: null, hasTickets: false }),
    ],
    bookings: [
      booking("L-a"),
      booking("L-b", { state: "failed" }),
      booking("L-c", { vendor: "vista", state: "refunded" }),
      booking("L-d", { state: "pending" }),
      booking("L-e", { state: "released" }),
    ],
    channelPaid: ["a", "b", "c", "d"],
    now: NOW,
  };
}

const names = (input: CheckInput) => checkInvariants(input).violations.map((v) => v.invariant);

describe("chaos invariant checker", () => {
  it("passes a consistent world and counts states per vendor", () => {
    const r = checkInvariants(healthy());
    expect(r.violations).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.byState).toMatchObject({ ISSUED: 1, FAILED: 1, REFUNDED: 1, "CONFIRMING+attention": 1 });
    expect(r.byVendor.vista).toEqual({ REFUNDED: 1 });
    expect(r.vendorStates.ykse).toMatchObject({ issued: 1, failed: 1, pending: 1, released: 1 });
  });

  it("catches an ISSUED order the vendor never issued, or without tickets", () => {
    const w = healthy();
    w.bookings[0] = booking("L-a", { state: "failed" });
    expect(names(w)).toEqual(["paidOrderSettled"]);
    const noTickets = healthy();
    noTickets.orders[0] = order("a", { hasTickets: false });
    expect(names(noTickets)).toEqual(["paidOrderSettled"]);
    const noBooking = healthy();
    noBooking.bookings.shift();
    expect(names(noBooking)).toEqual(["paidOrderSettled"]);
  });

  it("catches a FAILED order whose vendor ticket or lock still takes the seats", () => {
    const w = healthy();
    w.bookings[1] = booking("L-b", { state: "issued" });
    // Both sides see it: our order says no ticket, and the vendor's sale has no holding order.
    expect(names(w).sort()).toEqual(["noVendorBookingWithoutOrder", "paidOrderSettled"]);
    const locked = healthy();
    locked.bookings[1] = booking("L-b", { state: "locked" });
    expect(names(locked)).toEqual(["paidOrderSettled"]);
  });

  it("catches a paid order that ended in an unpaid state", () => {
    const w = healthy();
    w.orders[0] = order("a", { status: "EXPIRED" });
    w.bookings.shift();
    expect(names(w)).toEqual(["paidOrderSettled"]);
  });

  it("catches a seat sold twice at the vendor and held twice by us", () => {
    const vendor = healthy();
    vendor.bookings.push(booking("L-x", { seatIds: ["vs-L-a"] }));
    vendor.orders.push(order("x", { vendorLockId: "L-x", vendorSeatIds: ["seat-x"] }));
    expect(names(vendor)).toEqual(["noSeatSoldTwice"]);
    const ours = healthy();
    ours.orders.push(order("y", { vendorLockId: "L-y", vendorSeatIds: ["seat-a"] }));
    ours.bookings.push(booking("L-y"));
    expect(names(ours)).toEqual(["noSeatSoldTwice"]);
  });

  it("catches a vendor sale no order of ours owns, and only warns about a leaked live lock", () => {
    const w = healthy();
    w.bookings.push(booking("L-ghost"));
    const r = checkInvariants(w);
    expect(r.violations.map((v) => v.invariant)).toEqual(["noVendorBookingWithoutOrder"]);
    expect(r.violations[0]?.lockId).toBe("L-ghost");
    const leaked = healthy();
    leaked.bookings.push(booking("L-leak", { state: "locked" }));
    const lr = checkInvariants(leaked);
    expect(lr.ok).toBe(true);
    expect(lr.warnings.map((v) => v.lockId)).toEqual(["L-leak"]);
  });

  it("catches orders stuck outside needsAttention", () => {
    for (const status of ["CONFIRMING", "REFUNDING"] as const) {
      const w = healthy();
      w.orders[3] = order("d", { status });
      expect(names(w)).toEqual(["noOrderStuck"]);
    }
    const locking = healthy();
    locking.orders.push(order("g", { status: "LOCKING", paid: false, vendorLockId: null, hasTickets: false }));
    expect(names(locking)).toEqual(["noOrderStuck"]);
    const expired = healthy();
    expired.orders.push(order("z", { status: "LOCKED", paid: false, lockedUntil: NOW - 10 * 60_000 }));
    expired.bookings.push(booking("L-z", { state: "locked" }));
    expect(names(expired)).toEqual(["noOrderStuck"]);
    const live = healthy();
    live.orders.push(order("z", { status: "LOCKED", paid: false, lockedUntil: NOW + 60_000 }));
    live.bookings.push(booking("L-z", { state: "locked" }));
    expect(names(live)).toEqual([]);
  });

  it("catches a confirm the channel was told about but the order never recorded", () => {
    const w = healthy();
    w.channelPaid.push("e", "missing");
    expect(checkInvariants(w).violations.map((v) => v.orderId)).toEqual(["e", "missing"]);
  });
});
