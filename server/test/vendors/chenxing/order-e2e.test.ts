import { describe, expect, it } from "vitest";
import { sellableWorld } from "../../orders/harness.js";
import { expectCredentialNamed, issueWithPickup, refundOrder, settleLostSale } from "../order-world.js";
import { keptVendorCalls, simBookings, vendorQuery } from "../world-probes.js";

/**
 * An order issued end to end through the channel API on a demo 辰星 cinema, then refunded: the
 * same world the orders tests build (harness.ts), onboarded with the 辰星 demo account.
 */

const w = sellableWorld("chenxing");

describe("orders through the channel API (辰星 demo cinema)", () => {
  it("POST /admin/vendor-accounts validates 辰星's credential shape, naming a missing field", async () => {
    await expectCredentialNamed(w, { appCode: "CINEGATE" }, "verifyKey");
  });

  it("locks, confirms and issues with a pickup code, then refunds", async () => {
    const issued = await issueWithPickup(w, /^\d{16}$/);
    await refundOrder(w, issued.id);
    // The simulator's own record: the booking ended refunded.
    expect(JSON.stringify(await simBookings(w))).toContain('"refunded"');
  });

  it("a lost SubmitOrder answer is settled by QueryOrderStatus, without a second SubmitOrder", async () => {
    const { created } = await settleLostSale(w, "SubmitOrder", { maxMinutes: 5 });
    // Every vendor call kept with the order: one SubmitOrder (its answer lost), then queries.
    const { calls, text } = await keptVendorCalls(w, created.id);
    expect(calls.filter((c) => c === "chenxing.SubmitOrder")).toHaveLength(1);
    expect(calls).toContain("chenxing.QueryOrderStatus");
    expect(text).not.toContain("13912345678");
  });

  it("the console's vendor query page runs 辰星's calls, member cards included, with the password masked", async () => {
    const query = (body: unknown) => vendorQuery(w, body);
    const info = await query({ call: "cinema" });
    expect(info).toMatchObject({ ok: true, vendor: "chenxing" });
    expect(info.calls[0].request).toContain("QueryCinemaInfo");
    // The onboarded cinema is the first 辰星 cinema of the data set.
    const own = w.sims.dataset.cinemas.find((x) => x.vendor === "chenxing")!;
    const card = w.sims.dataset.cards.find((k) => k.cinemaId === own.id);
    expect(card, "the onboarded 辰星 cinema has member cards").toBeTruthy();
    const grades = await query({ call: "cardGrades" });
    expect(grades.ok, JSON.stringify(grades.error)).toBe(true);
    expect(grades.result.length).toBeGreaterThan(0);
    const login = await query({
      call: "cardLogin",
      params: { cardNumber: card!.cardNo, cardPassword: card!.password },
    });
    expect(login.ok, JSON.stringify(login.error)).toBe(true);
    expect(login.result.cardNumber).toBe(card!.cardNo);
    expect(JSON.stringify(login)).not.toContain(`>${card!.password}<`);
    expect(JSON.stringify(login)).not.toContain(card!.mobile);
    const price = await query({ call: "cardPrice", params: { cardNumber: card!.cardNo, showtimeId: w.showtime.id } });
    expect(price.ok, JSON.stringify(price.error)).toBe(true);
    expect(price.result.priceFen).toBeGreaterThan(0);
  });
});
