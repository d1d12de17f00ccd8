import { afterEach, describe, expect, it } from "vitest";
import { demoAccounts } from "../../src/core/accounts.js";
import { signParams } from "../../src/ykse/signing.js";
import { BASE, gunzipJson, makeSim, type Sim, signedQuery } from "./helpers.js";

let sim: Sim;
afterEach(async () => sim?.app.close());

describe("ykse /route envelope and system codes (§1, §2, §9.1)", () => {
  it("accepts a correctly signed request and answers retCode 0 + bizCode SUCCESS", async () => {
    sim = await makeSim();
    const res = await sim.call("ykse.partner.cinema.getCinemas");
    expect(res).toMatchObject({ api: "ykse.partner.cinema.getCinemas", v: "1.0", retCode: "0", retMsg: "success" });
    expect(res.data?.bizCode).toBe("SUCCESS");
    // Only the ykse cinema is served.
    expect(res.data?.dataList).toHaveLength(1);
    expect(res.data?.dataList?.[0]).toMatchObject({
      cinemaLinkId: "681",
      cinemaId: "44012345",
      city: "广州",
      refundBeforeTime: "60",
      refundLimitCount: "100",
      halls: [{ hallId: "1", seatCount: 12, type: "N" }],
    });
  });

  it("answers 30003 for a wrong signature, 30004 for a stale timestamp, 30002 for an unknown channel", async () => {
    sim = await makeSim();
    const data = { cinemaLinkId: "681" };
    expect((await sim.call("ykse.partner.goods.getGoods", data, { secret: "wrong" })).retCode).toBe("30003");
    expect((await sim.call("ykse.partner.goods.getGoods", data, { tamper: true })).retCode).toBe("30003");
    const stale = BASE - 3600_000;
    const r = await sim.call("ykse.partner.goods.getGoods", data, { timestamp: stale });
    expect(r).toMatchObject({ retCode: "30004", retMsg: "time expired" });
    expect(r.data).toBeUndefined();
    expect((await sim.call("ykse.partner.goods.getGoods", data, { channelCode: "NOPE" })).retCode).toBe("30002");
    expect((await sim.call("ykse.partner.nothing", data)).retCode).toBe("30001");
  });

  it("answers 30005 for a missing system parameter and 30006 for data that is not JSON", async () => {
    sim = await makeSim();
    const res = await sim.app.inject({
      method: "GET",
      url: "/route",
      query: { api: "ykse.partner.cinema.getCinemas" },
    });
    expect(res.json().retCode).toBe("30005");
    const q: Record<string, string> = {
      api: "ykse.partner.goods.getGoods",
      v: "1.0",
      channelCode: demoAccounts.ykse.channelCode,
      timestamp: String(BASE),
      data: "{not json",
    };
    q.sign = signParams(q, demoAccounts.ykse.secret);
    expect((await sim.app.inject({ method: "GET", url: "/route", query: q })).json().retCode).toBe("30006");
  });

  it("takes form-encoded POST bodies and gzips the answer when asked (§1.7)", async () => {
    sim = await makeSim();
    const q = signedQuery("ykse.partner.cinema.getCinemas", undefined, {}, sim.ctx.clock.now());
    const res = await sim.app.inject({
      method: "POST",
      url: "/route",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-encoding": "gzip" },
      payload: new URLSearchParams(q).toString(),
    });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(gunzipJson(res.rawPayload)).toMatchObject({ retCode: "0", data: { bizCode: "SUCCESS" } });
  });

  it("answers 40003 when the fault controller rate-limits", async () => {
    sim = await makeSim();
    sim.ctx.faults.update({ rateLimitPerSecond: 1 });
    const first = await sim.call("ykse.partner.cinema.getCinemas");
    const second = await sim.call("ykse.partner.cinema.getCinemas");
    expect(first.retCode).toBe("0");
    expect(second).toMatchObject({ retCode: "40003", retMsg: "cinema inadequate processing capacity" });
  });

  it("business errors keep retCode 0 and carry the bizCode", async () => {
    sim = await makeSim();
    const res = await sim.call("ykse.partner.seat.getSeats", { cinemaLinkId: "999", hallId: "1" });
    expect(res.retCode).toBe("0");
    expect(res.data?.bizCode).toBe("CHANNEL_CINEMA_NOT_FOUND");
    const missing = await sim.call("ykse.partner.seat.getSeats", { cinemaLinkId: "681" });
    expect(missing.data?.bizCode).toBe("NULL_ARGUMENT");
  });
});
