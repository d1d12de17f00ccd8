import { describe, expect, it } from "vitest";
import { type Json, sellableWorld } from "../../orders/harness.js";
import { expectCredentialNamed, issueWithPickup, refundOrder, settleLostSale } from "../order-world.js";
import { simBookings } from "../world-probes.js";

/**
 * An order issued end to end on a 鼎新 demo cinema through the channel API (onboarding through the
 * Admin API with the 鼎新 credential shape), a refund, and a sale whose answer was lost settled by
 * the workflow's query — never by a second sale. The world is the orders tests' (harness.ts).
 */

const w = sellableWorld("dingxin");

describe("a 鼎新 order through the channel API", () => {
  it("the Admin API names a missing 鼎新 credential in a 400", async () => {
    await expectCredentialNamed(w, { pid: "10128" }, "authCode");
  });

  it("locks, confirms and issues a ticket with 鼎新's pickup codes, then refunds it", async () => {
    const issued = await issueWithPickup(w, /^\d{8}$/);
    await refundOrder(w, issued.id);
    const booking = await simBookings(w);
    expect(booking.bookings.filter((b: Json) => b.state === "refunded").length).toBeGreaterThan(0);
  });

  it("a sale whose answer was lost is settled by asking, with exactly one sale at the vendor", async () => {
    const { salesWhileLost } = await settleLostSale(w, "seat/lock-buy", { asked: "order/ticket-flag" });
    expect(salesWhileLost).toBe(1);
    const booking = await simBookings(w);
    const sold = booking.bookings.filter((b: Json) => b.orderId && b.seatIds.length === 1 && b.state === "issued");
    expect(sold.length).toBe(1);
  });
});
