import { describe, expect, it } from "vitest";
import { driveUntilNot, freeNormalSeats, type Json, sellableWorld } from "../../orders/harness.js";
import { confirmWithLostSale, issueOrder, postAccount, refundOrder } from "../order-world.js";

/**
 * An order issued end to end on a 火凤凰 (asmx) demo cinema through the channel API (onboarding
 * through the Admin API with the huofenghuang credential shape), a refund, and a sale whose answer
 * was lost settled by the workflow's qryOrder — never by a second fixCashOrder.
 */
const w = sellableWorld("huofenghuang");

const bookings = async (): Promise<Json[]> =>
  ((await (await fetch(`${w.sims.urls.huofenghuang}/_control/bookings`)).json()) as Json).bookings;

describe("a 火凤凰 (asmx) order through the channel API", () => {
  it("the Admin API names a missing 火凤凰 credential in a 400", async () => {
    const missing = await postAccount(w, { userId: "CINEGATE" });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain("userPass");
  });

  it("locks, confirms and issues a ticket with bookingId + confirmationId, then refunds it", async () => {
    const issued = await issueOrder(
      w,
      w.showtime.id,
      freeNormalSeats(w.seats, 2).map((s) => s.id),
    );
    expect(issued.pickup.printCode).toMatch(/^\d{12}$/);
    expect(issued.pickup.verifyCode).toMatch(/^\d{6}$/);
    await refundOrder(w, issued.id);
    expect((await bookings()).filter((b) => b.state === "refunded").length).toBe(1);
  });

  it("a sale whose answer was lost is settled by qryOrder, with exactly one sale at the vendor", async () => {
    const seatId = freeNormalSeats(w.seats, 1, 6)[0].id;
    const { order: created, salesWhileLost } = await confirmWithLostSale(w, w.showtime.id, seatId, "fixCashOrder");
    const faults = w.sims.faults.huofenghuang;
    expect(salesWhileLost).toBe(1);
    const order = await driveUntilNot(w, created.id, "CONFIRMING");
    expect(order.status).toBe("ISSUED");
    expect(faults.callCounts.get("fixCashOrder") ?? 0).toBe(0);
    expect(faults.callCounts.get("qryOrder") ?? 0).toBeGreaterThan(0);
    const sold = (await bookings()).filter((b) => b.orderId && b.seatIds.length === 1 && b.state === "issued");
    expect(sold.length).toBe(1);
  });
});
