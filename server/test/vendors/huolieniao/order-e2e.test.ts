import { describe, expect, it } from "vitest";
import { businessDayOf } from "../../../src/domain/time.js";
import { sellableWorld } from "../../orders/harness.js";
import { expectCredentialNamed, issueWithPickup, refundOrder, settleLostSale } from "../order-world.js";
import { keptVendorCalls, simBookings, vendorQuery } from "../world-probes.js";

/**
 * An order issued end to end through the channel API on a demo 火烈鸟 cinema, then refunded: the
 * same world the orders tests build (harness.ts), onboarded with the 火烈鸟 demo account.
 */
const w = sellableWorld("huolieniao");

describe("orders through the channel API (火烈鸟 1.5 demo cinema)", () => {
  it("POST /admin/vendor-accounts validates 火烈鸟's credential shape, naming a missing field", async () => {
    await expectCredentialNamed(w, { username: "cinegate" }, "password");
  });

  it("locks, confirms and issues with a pickup code, then refunds", async () => {
    const issued = await issueWithPickup(w, /^\d{16}$/);
    await refundOrder(w, issued.id);
    expect(JSON.stringify(await simBookings(w))).toContain('"refunded"');
  });

  it("a lost SubmitSCTSOrder answer is settled by QueryOrder, without a second SubmitSCTSOrder", async () => {
    const { created } = await settleLostSale(w, "SubmitSCTSOrder", { maxMinutes: 5 });
    const { calls, text } = await keptVendorCalls(w, created.id);
    expect(calls.filter((c) => c === "huolieniao.SubmitSCTSOrder")).toHaveLength(1);
    expect(calls).toContain("huolieniao.QueryOrder");
    expect(text).not.toContain("huolieniao-demo-password");
  });

  it("the console's vendor query page runs 火烈鸟's calls; the cinema list it has none of is unsupported", async () => {
    const query = (body: unknown) => vendorQuery(w, body);
    const info = await query({ call: "cinema" });
    expect(info).toMatchObject({ ok: true, vendor: "huolieniao" });
    expect(info.calls[0].request).toContain("QueryCinema");
    expect(JSON.stringify(info)).not.toContain("huolieniao-demo-password");
    const shows = await query({
      call: "showtimes",
      params: { date: businessDayOf(w.sims.clocks.huolieniao.now()) },
    });
    expect(shows.ok, JSON.stringify(shows.error)).toBe(true);
    expect(shows.calls[0].request).toContain("DQuerySession");
    const list = await query({ call: "cinemas" });
    expect(list).toMatchObject({ ok: false, error: { code: "unsupported" } });
  });
});
