import { describe, expect, it } from "vitest";
import { type Json, sellableWorld } from "../../orders/harness.js";
import { expectCredentialNamed, issueWithPickup, refundOrder, settleLostSale } from "../order-world.js";
import { simBookings } from "../world-probes.js";

/**
 * An order issued end to end on a 火凤凰 (asmx) demo cinema through the channel API (onboarding
 * through the Admin API with the huofenghuang credential shape), a refund, and a sale whose answer
 * was lost settled by the workflow's qryOrder — never by a second fixCashOrder.
 */
const w = sellableWorld("huofenghuang");

const bookings = async (): Promise<Json[]> => (await simBookings(w)).bookings;

describe("a 火凤凰 (asmx) order through the channel API", () => {
  it("the Admin API names a missing 火凤凰 credential in a 400", async () => {
    await expectCredentialNamed(w, { userId: "CINEGATE" }, "userPass");
  });

  it("locks, confirms and issues a ticket with bookingId + confirmationId, then refunds it", async () => {
    const issued = await issueWithPickup(w, /^\d{12}$/);
    await refundOrder(w, issued.id);
    expect((await bookings()).filter((b) => b.state === "refunded").length).toBe(1);
  });

  it("a sale whose answer was lost is settled by qryOrder, with exactly one sale at the vendor", async () => {
    const { salesWhileLost } = await settleLostSale(w, "fixCashOrder", { asked: "qryOrder" });
    expect(salesWhileLost).toBe(1);
    const sold = (await bookings()).filter((b) => b.orderId && b.seatIds.length === 1 && b.state === "issued");
    expect(sold.length).toBe(1);
  });
});
