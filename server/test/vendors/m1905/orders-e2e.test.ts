import { describe, expect, it } from "vitest";
import { sellableWorld } from "../../orders/harness.js";
import { expectCredentialNamed, issueWithPickup, refundOrder, settleLostSale } from "../order-world.js";
import { simBookings } from "../world-probes.js";

// An order on a 1905 demo cinema, end to end: onboarding through the Admin API, then lock, confirm,
// issue and refund through the channel API, the platform talking to the 1905 simulator over HTTP.

const w = sellableWorld("m1905");

describe("orders on a 1905 cinema through the channel API", () => {
  it("the onboarded cinema's code is 1905's own number, not the national code (doc 000 §三.1)", () => {
    const c = w.sims.dataset.cinemas.find((x) => x.vendor === "m1905")!;
    expect(c.internalCode).not.toBe(c.nationalCode);
  });

  it("the Admin API names a missing 1905 credential in a 400", async () => {
    await expectCredentialNamed(w, { appCode: "1000000001" }, "key");
  });

  it("locks, confirms and issues a ticket with 1905's PrintNo and VerifyCode, then refunds it", async () => {
    const issued = await issueWithPickup(w, /^\d{10}$/);
    // The simulator's own books agree: one issued booking for these seats.
    const booked = await simBookings(w);
    expect(JSON.stringify(booked)).toContain("issued");
    await refundOrder(w, issued.id);
  });

  it("a sale whose answer is lost is settled by GetOrderStatus, not by a second sale", async () => {
    // After the lost sale, settling took queries only, no second sale.
    await settleLostSale(w, "SellTicketCustom", { asked: "GetOrderStatus", skip: 4 });
  });
});
