import { gunzipSync } from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulators } from "../../src/all.js";
import { createSimClock } from "../../src/core/clock.js";
import type { Dataset } from "../../src/core/dataset-types.js";
import { FaultController } from "../../src/core/faults.js";
import { businessDate, chinaDateString, DAY_MS } from "../../src/dataset/china-time.js";
import { generateDataset } from "../../src/dataset/generate.js";
import { dingxinSimulator } from "../../src/dingxin/descriptor.js";
import { createDingxinSimulator, dingxinSig } from "../../src/dingxin/index.js";

const { pid, authCode } = dingxinSimulator.demoAccount;
const clock = createSimClock();
const faults = new FaultController(2);
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => name === "item" });
let app: FastifyInstance;
let dataset: Dataset;
let cid: string;

// biome-ignore lint/suspicious/noExplicitAny: answers are inspected field by field
type Json = any;

async function call(action: string, params: Record<string, string>, key = authCode): Promise<Json> {
  const all = { ...params, pid };
  const body = new URLSearchParams({ ...all, _sig: dingxinSig(all, key) }).toString();
  const res = await app.inject({
    method: "POST",
    url: `/${action}`,
    payload: body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  return parser.parse(res.body).root;
}

beforeAll(async () => {
  dataset = generateDataset({ seed: 3, cinemas: 10, days: 3, vendors: simulators.filter((s) => "cinemas" in s) });
  app = await createDingxinSimulator({ dataset, clock, faults });
  cid = dataset.cinemas.find((c) => c.vendor === "dingxin")!.internalCode;
});
afterAll(() => app.close());

describe("鼎新 simulator (public-refs §4)", () => {
  it("signs as §4.2's worked example", () => {
    const p = {
      cid: "4",
      pid: "10128",
      play_id: "5064",
      play_update_time: "2014-11-24 10:11:54",
      seat_id: "173,174",
      format: "json",
    };
    expect(dingxinSig(p, "K3y!demo")).toBe("85663f626c5ddbce6a88685943fd24e3");
  });

  it("refuses a wrong key with status 0 and its message, in the <root> envelope", async () => {
    const root = await call("partner/cinemas", {}, "wrong");
    expect(root.status).toBe("0");
    expect(root.errorMessage).toContain("签名错误");
  });

  it("answers JSON with format=json and gzips when asked", async () => {
    const all = { pid, format: "json" };
    const res = await app.inject({
      method: "POST",
      url: "/partner/cinemas",
      payload: new URLSearchParams({ ...all, _sig: dingxinSig(all, authCode) }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-encoding": "gzip" },
    });
    expect(res.headers["content-encoding"]).toBe("gzip");
    const body = JSON.parse(gunzipSync(res.rawPayload).toString("utf8"));
    expect(body.res.status).toBe(1);
    expect(body.res.data.some((c: Json) => c.cinemaId === cid && c.cinemaNumber !== cid)).toBe(true);
  });

  it("lists plays of [start, end) business days; no dates is today's business day", async () => {
    // Tomorrow's business day is always in the data set; before 06:00 China time today's began yesterday.
    const day = chinaDateString(businessDate(clock.now()) + DAY_MS);
    const next = chinaDateString(businessDate(clock.now()) + 2 * DAY_MS);
    const one = await call("cinema/plays", { cid, start: day, end: next });
    const none = await call("cinema/plays", { cid, start: day, end: day });
    const days = new Set((one.data.item ?? []).map((p: Json) => p.businessDate));
    expect([...days]).toEqual([day]);
    expect(none.data).toBe("");
    const today = chinaDateString(businessDate(clock.now()));
    const todays = await call("cinema/plays", { cid, start: today, end: day });
    const bare = await call("cinema/plays", { cid });
    expect((bare.data.item ?? []).length).toBe((todays.data.item ?? []).length);
  });

  it("locks with a lockFlag, lets the lock lapse after 10 minutes on the clock, then refuses the sale", async () => {
    const today = chinaDateString(businessDate(clock.now()));
    const end = chinaDateString(businessDate(clock.now()) + 2 * DAY_MS);
    const plays = (await call("cinema/plays", { cid, start: today, end })).data.item as Json[];
    const play = plays.find((p) => p.allowBook === "1" && p.areaInfo === "")!;
    const seats = (await call("play/seat-status", { cid, play_id: play.id, play_update_time: play.cineUpdateTime }))
      .data.item as Json[];
    const seat = seats.find((s) => s.seatStatus === "ok" && s.type === "danren")!;
    const lockSeat = (playUpdateTime: string) =>
      call("seat/lock", { cid, play_id: play.id, play_update_time: playUpdateTime, seat_id: seat.cineSeatId });
    const stale = await lockSeat("2000-01-01 00:00:00");
    expect(stale.errorCode).toBe("300505");
    const lock = await lockSeat(play.cineUpdateTime);
    expect(lock.status).toBe("1");
    const again = await lockSeat(play.cineUpdateTime);
    expect(again.errorCode).toBe("500529");
    clock.advance(10 * 60_000);
    const after = (await call("play/seat-status", { cid, play_id: play.id, play_update_time: play.cineUpdateTime }))
      .data.item as Json[];
    expect(after.find((s) => s.cineSeatId === seat.cineSeatId).seatStatus).toBe("ok");
    const fee = lock.data.areaInfo.item[0].areaServiceFee;
    const sale = await call("seat/lock-buy", {
      cid,
      play_id: play.id,
      play_update_time: play.cineUpdateTime,
      lock_flag: lock.data.lockFlag,
      seat: `${seat.cineSeatId}-${fee}-${play.marketPrice}`,
      partner_buy_ticket_id: "sim1",
    });
    expect(sale.status).toBe("0");
  });

  it("sells once per partner order number, and refuses a price under the floor", async () => {
    const today = chinaDateString(businessDate(clock.now()));
    const end = chinaDateString(businessDate(clock.now()) + 2 * DAY_MS);
    const plays = (await call("cinema/plays", { cid, start: today, end })).data.item as Json[];
    const play = plays.find((p) => p.allowBook === "1" && p.areaInfo === "")!;
    const seats = (await call("play/seat-status", { cid, play_id: play.id, play_update_time: play.cineUpdateTime }))
      .data.item as Json[];
    const free = seats.filter((s) => s.seatStatus === "ok" && s.type === "danren");
    const sell = async (seatId: string, price: string, orderNo: string) => {
      const lock = await call("seat/lock", {
        cid,
        play_id: play.id,
        play_update_time: play.cineUpdateTime,
        seat_id: seatId,
      });
      const fee = lock.data.areaInfo.item[0].areaServiceFee;
      return call("seat/lock-buy", {
        cid,
        play_id: play.id,
        play_update_time: play.cineUpdateTime,
        lock_flag: lock.data.lockFlag,
        seat: `${seatId}-${fee}-${price}`,
        partner_buy_ticket_id: orderNo,
      });
    };
    expect((await sell(free[3].cineSeatId, "0.01", "sim2")).status).toBe("0");
    const sold = await sell(free[4].cineSeatId, play.partnerPrice, "sim3");
    expect(sold.status).toBe("1");
    expect(sold.data.ticketFlag1).toMatch(/^\d{8}$/);
    expect((await sell(free[5].cineSeatId, play.partnerPrice, "sim3")).status).toBe("0");
    const q = await call("order/ticket-flag", { cid, partner_buy_ticket_id: "sim3" });
    expect(q.data).toMatchObject({ status: "success", ticketFlag1: sold.data.ticketFlag1 });
  });
});
