import { describe, expect, it } from "vitest";
import { sellableWorld } from "../../orders/harness.js";
import { adminPost } from "../admin-post.js";
import { expectCredentialNamed, issueWithPickup, postAccount, refundOrder, settleLostSale } from "../order-world.js";
import { simBookings } from "../world-probes.js";

// An order on a 火烈鸟 5.0 demo cinema, end to end: onboarding through the Admin API, then lock,
// confirm, issue and refund through the channel API, the platform talking to the simulator over HTTP.
const w = sellableWorld("huolieniao5");

describe("orders on a 火烈鸟 5.0 cinema through the channel API", () => {
  it("the onboarded cinema's code is the national code (doc 000 §三.1: 火烈鸟, 大地 内部编码=广电编码)", () => {
    const c = w.sims.dataset.cinemas.find((x) => x.vendor === "huolieniao5")!;
    expect(c.internalCode).toBe(c.nationalCode);
  });

  it("the Admin API names a missing credential in a 400, and refuses a brand it does not know", async () => {
    await expectCredentialNamed(w, { channelCode: "C001" }, "key");
    const badBrand = await postAccount(w, { channelCode: "C001", key: "k", brand: "wanda" });
    expect(badBrand.status).toBe(400);
    expect(JSON.stringify(badBrand.body)).toContain("brand");
  });

  it("locks, confirms and issues a ticket with printCode and verifyCode, then refunds it (revokeTicket)", async () => {
    const issued = await issueWithPickup(w, /^\d{10}$/);
    const booked = await simBookings(w);
    expect(JSON.stringify(booked)).toContain("issued");
    // The console's vendor query: ticket codes come from queryPrintByVerifyCode with the pickup codes.
    const info = await adminPost(w.t, `/admin/cinemas/${w.cinemaId}/vendor-query`, {
      call: "ticketInfo",
      params: { orderId: issued.id },
    });
    expect(info.status).toBe(200);
    expect(info.body.ok).toBe(true);
    expect(info.body.result.printCode).toBe(issued.pickup.printCode);
    expect(info.body.result.tickets).toHaveLength(2);
    for (const t of info.body.result.tickets) expect(t.ticketCode).toMatch(/^\d+$/);
    expect(JSON.stringify(info.body.calls)).toContain("queryPrintByVerifyCode.xml");
    await refundOrder(w, issued.id);
    const after = await simBookings(w);
    expect(JSON.stringify(after)).toContain("refunded");
  });

  it("a sale whose answer is lost is settled by queryOrder, not by a second submitOrder", async () => {
    await settleLostSale(w, "submitOrder", { asked: "queryOrder", skip: 4 });
  });
});
