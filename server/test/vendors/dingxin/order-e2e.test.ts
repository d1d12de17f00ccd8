import { describe, expect, it } from "vitest";
import { driveUntilNot, freeNormalSeats, type Json, sellableWorld } from "../../orders/harness.js";
import { confirmWithLostSale, issueOrder, postAccount, refundOrder } from "../order-world.js";

/**
 * An order issued end to end on a 鼎新 demo cinema through the channel API (onboarding through the
 * Admin API with the 鼎新 credential shape), a refund, and a sale whose answer was lost settled by
 * the workflow's query — never by a second sale. The world is the orders tests' (harness.ts).
 */

const w = sellableWorld("dingxin");

describe("a 鼎新 order through the channel API", () => {
  it("the Admin API names a missing 鼎新 credential in a 400", async () => {
    const missing = await postAccount(w, { pid: "10128" });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain("authCode");
  });

  it("locks, confirms and issues a ticket with 鼎新's pickup codes, then refunds it", async () => {
    const issued = await issueOrder(
      w,
      w.showtime.id,
      freeNormalSeats(w.seats, 2).map((s) => s.id),
    );
    expect(issued.pickup.printCode).toMatch(/^\d{8}$/);
    expect(issued.pickup.verifyCode).toMatch(/^\d{6}$/);
    await refundOrder(w, issued.id);
    const booking = (await (await fetch(`${w.sims.urls.dingxin}/_control/bookings`)).json()) as Json;
    expect(booking.bookings.filter((b: Json) => b.state === "refunded").length).toBeGreaterThan(0);
  });

  it("a sale whose answer was lost is settled by asking, with exactly one sale at the vendor", async () => {
    const seatId = freeNormalSeats(w.seats, 1, 6)[0].id;
    const { order: created, salesWhileLost } = await confirmWithLostSale(w, w.showtime.id, seatId, "seat/lock-buy");
    const faults = w.sims.faults.dingxin;
    expect(salesWhileLost).toBe(1);
    const order = await driveUntilNot(w, created.id, "CONFIRMING");
    expect(order.status).toBe("ISSUED");
    expect(faults.callCounts.get("seat/lock-buy") ?? 0).toBe(0);
    expect(faults.callCounts.get("order/ticket-flag") ?? 0).toBeGreaterThan(0);
    const booking = (await (await fetch(`${w.sims.urls.dingxin}/_control/bookings`)).json()) as Json;
    const sold = booking.bookings.filter((b: Json) => b.orderId && b.seatIds.length === 1 && b.state === "issued");
    expect(sold.length).toBe(1);
  });
});
