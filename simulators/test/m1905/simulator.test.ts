import { XMLParser } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimClock, type SimClock } from "../../src/core/clock.js";
import type { Dataset, Showtime } from "../../src/core/dataset-types.js";
import { FaultController } from "../../src/core/faults.js";
import { generateDataset } from "../../src/dataset/generate.js";
import { m1905Simulator } from "../../src/m1905/descriptor.js";
import { createM1905Simulator, verifyInfo } from "../../src/m1905/index.js";

// The 1905 simulator over its wire protocol (public-refs §8), with its clock and faults injected.
const { appCode, key } = m1905Simulator.demoAccount;
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true });
let app: FastifyInstance;
let clock: SimClock;
let faults: FaultController;
let dataset: Dataset;
let cinemaNo: string;
let show: Showtime;
let sessionNo: string;
let seq = 0;

type Params = Array<[string, string]>;
// biome-ignore lint/suspicious/noExplicitAny: parsed XML replies are read loosely in these tests.
type Wire = Record<string, any>;

async function call(method: string, params: Params, opts: { key?: string } = {}) {
  const form = new URLSearchParams([["pAppCode", appCode] as [string, string], ...params]);
  form.append(
    "pVerifyInfo",
    verifyInfo(
      appCode,
      params.map(([, v]) => v),
      opts.key ?? key,
    ),
  );
  const res = await app.inject({
    method: "POST",
    url: `/Api/${method}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: form.toString(),
  });
  const doc = res.statusCode === 200 ? (parser.parse(res.body) as Record<string, Record<string, unknown>>) : {};
  const [root, body] = Object.entries(doc)[0] ?? ["", {}];
  return { status: res.statusCode, raw: res.body, root, body: body as Wire };
}

const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

beforeAll(async () => {
  dataset = generateDataset({ seed: 3, cinemas: 10, days: 2 });
  clock = createSimClock(dataset.baseTime + 3600_000);
  faults = new FaultController(1);
  app = await createM1905Simulator({ dataset, clock, faults });
  const cinema = dataset.cinemas.find((c) => c.vendor === "m1905")!;
  cinemaNo = cinema.internalCode;
  const cinemas = await call("GetCinema", []);
  const listed = arr(cinemas.body.Cinemas.Cinema) as Array<Record<string, string>>;
  expect(listed.find((c) => c.CinemaNo === cinemaNo)?.CinemaCode).toBe(cinema.nationalCode);
  const sessions = await call("GetCinemaAllSession", [["pCinemaID", cinemaNo]]);
  const listedSessions = arr(sessions.body.Sessions.Session) as Array<Record<string, string>>;
  // A session at least three hours ahead, so refunds are inside the cinema's window.
  const startOf = (x: Record<string, string>) => Date.parse(`${x.SessionDate}T${x.StartTime}:00+08:00`);
  const later = listedSessions.find((x) => startOf(x) > clock.now() + 3 * 3600_000)!;
  sessionNo = String(later.SessionNo);
  const hallId = cinema.halls[Number(later.ScreenNo) - 1]!.id;
  show = dataset.showtimes.find(
    (x) => x.cinemaId === cinema.id && x.hallId === hallId && x.startsAt === startOf(later),
  )!;
  expect(show).toBeDefined();
});
afterAll(() => app.close());

async function freeSeats(n: number): Promise<Array<Record<string, string>>> {
  const r = await call("GetSessionSeat", [["pSessionID", sessionNo]]);
  const seats = arr(r.body.SessionSeats.SessionSeat) as Array<Record<string, string>>;
  return seats.filter((s) => s.SeatStatus === "0" && s.BindNo === "0").slice(seq * 3, seq * 3 + n);
}

async function lock(n = 1) {
  const seats = await freeSeats(n);
  seq++;
  const id = `T${seq}${String(Date.now()).slice(-8)}`;
  const price = (show.settleFen / 100).toFixed(2);
  const fee = (show.feeFen / 100).toFixed(2);
  const params: Params = [
    ["pSessionID", sessionNo],
    ["pOrderID", id],
    ["pSeatNo", seats.map((s) => s.SeatNo).join(",")],
    ["pTicketPrice", seats.map(() => price).join(",")],
    ["pFee", seats.map(() => fee).join(",")],
  ];
  return { id, seats, params, res: await call("LockSeatCustom", params) };
}

describe("1905 simulator", () => {
  it("refuses a wrong verify hash with a non-zero ResultCode and a text", async () => {
    const r = await call("GetCinema", [], { key: "wrong" });
    expect(r.root).toBe("GetCinemaResult");
    expect(r.body.ResultCode).not.toBe("0");
    expect(String(r.body.ResultMsg)).toContain("校验");
  });

  it("locks with AutoUnlockDatetime, shows the seat locked, and lets it lapse on the simulated clock", async () => {
    const { id, seats, res } = await lock(1);
    expect(res.root).toBe("RealCheckSeatStateResult");
    expect(res.body.ResultCode).toBe("0");
    const info = arr(res.body.SeatInfos.SeatInfo)[0] as Record<string, string>;
    expect(Number(info.AutoUnlockDatetime)).toBe(Math.floor((clock.now() + 15 * 60_000) / 1000));
    const status = async () => {
      const r = await call("GetSessionSeat", [["pSessionID", sessionNo]]);
      return (arr(r.body.SessionSeats.SessionSeat) as Array<Record<string, string>>).find(
        (s) => s.SeatNo === seats[0]!.SeatNo,
      )!.SeatStatus;
    };
    expect(await status()).toBe("3");
    clock.advance(15 * 60_000 + 1000);
    expect(await status()).toBe("0");
    const q = await call("GetOrderStatus", [["pOrderID", id]]);
    expect(q.body.OrderStatus).toBe("6");
  });

  it("sells a lock with pickup codes, reports it, refunds it and frees the seat", async () => {
    const { id, params, seats } = await lock(2);
    const sale = await call("SellTicketCustom", [["pOrderID", id], ...params.slice(2)]);
    expect(sale.root).toBe("SellTicketResult");
    expect(sale.body.PrintNo).toMatch(/^\d{10}$/);
    expect(sale.body.VerifyCode).toMatch(/^\d{6}$/);
    const q = await call("GetOrderStatus", [["pOrderID", id]]);
    expect(q.body).toMatchObject({ OrderStatus: "1", RefundStatus: "0", PrintNo: sale.body.PrintNo });
    const wrong = await call("RefundTicket", [
      ["pOrderID", id],
      ["pPrintNo", "0000000000"],
    ]);
    expect(wrong.body.ResultCode).not.toBe("0");
    const refund = await call("RefundTicket", [
      ["pOrderID", id],
      ["pPrintNo", String(sale.body.PrintNo)],
    ]);
    expect(refund.body.ResultCode).toBe("0");
    const after = await call("GetOrderStatus", [["pOrderID", id]]);
    expect(after.body.RefundStatus).toBe("1");
    const again = await call("GetSessionSeat", [["pSessionID", sessionNo]]);
    const seat = (arr(again.body.SessionSeats.SessionSeat) as Array<Record<string, string>>).find(
      (s) => s.SeatNo === seats[0]!.SeatNo,
    );
    expect(seat?.SeatStatus).toBe("0");
  });

  it("a slow issue stays OrderStatus 2 until the cinema answers on the advanced clock", async () => {
    const { id, params } = await lock(1);
    faults.update({ slowIssueMinutes: 2, slowIssueOutcome: "fail" });
    try {
      const sale = await call("SellTicketCustom", [["pOrderID", id], ...params.slice(2)]);
      expect(sale.body.ResultCode).toBe("0");
      expect((await call("GetOrderStatus", [["pOrderID", id]])).body.OrderStatus).toBe("2");
      clock.advance(3 * 60_000);
      expect((await call("GetOrderStatus", [["pOrderID", id]])).body.OrderStatus).toBe("6");
    } finally {
      faults.reset();
    }
  });

  it("refuses a price under LowestPrice and a love seat without its pair", async () => {
    const seats = await freeSeats(1);
    seq++;
    const low = await call("LockSeatCustom", [
      ["pSessionID", sessionNo],
      ["pOrderID", `L${seq}x`],
      ["pSeatNo", String(seats[0]!.SeatNo)],
      ["pTicketPrice", ((show.lowestFen - 100) / 100).toFixed(2)],
      ["pFee", "0"],
    ]);
    expect(low.body.ResultCode).not.toBe("0");
    const all = await call("GetSessionSeat", [["pSessionID", sessionNo]]);
    const love = (arr(all.body.SessionSeats.SessionSeat) as Array<Record<string, string>>).find(
      (s) => s.BindNo !== "0",
    );
    expect(love).toBeDefined();
    const half = await call("LockSeatCustom", [
      ["pSessionID", sessionNo],
      ["pOrderID", `L${seq}y`],
      ["pSeatNo", String(love!.SeatNo)],
      ["pTicketPrice", (show.settleFen / 100).toFixed(2)],
      ["pFee", "0"],
    ]);
    expect(String(half.body.ResultMsg)).toContain("情侣座");
  });

  it("member cards: info, grades with the minimum recharge, deduct and recharge", async () => {
    const cinema = dataset.cinemas.find((c) => c.internalCode === cinemaNo)!;
    const card = dataset.cards.find((c) => c.cinemaId === cinema.id)!;
    const info = await call("MemberInfo", [
      ["pCinemaID", cinemaNo],
      ["pCardNo", card.cardNo],
      ["pCardPwd", card.password],
    ]);
    expect(info.body.CardInfo.CardNo).toBe(card.cardNo);
    expect(info.body.CardInfo.Mobile).not.toBe(card.mobile);
    const bad = await call("MemberInfo", [
      ["pCinemaID", cinemaNo],
      ["pCardNo", card.cardNo],
      ["pCardPwd", "x"],
    ]);
    expect(bad.body.ResultCode).not.toBe("0");
    const types = await call("MemberTypeList", [["pCinemaID", cinemaNo]]);
    expect(arr(types.body.Types.Type).length).toBeGreaterThan(0);
    const deduct = await call("MemberCardDeduct", [
      ["pCinemaID", cinemaNo],
      ["pCardNo", card.cardNo],
      ["pCardPwd", card.password],
      ["pBalance", "1.00"],
      ["pOrderID", "D1"],
    ]);
    expect(deduct.body.ResultCode).toBe("0");
    const grade = dataset.cardGrades.find((g) => g.id === card.gradeId)!;
    const tooLittle = await call("RechargeMemberCard", [
      ["pCinemaID", cinemaNo],
      ["pCardNo", card.cardNo],
      ["pOrderID", "R1"],
      ["pBalance", "0.01"],
    ]);
    expect(grade.minRechargeFen).toBeGreaterThan(1);
    expect(String(tooLittle.body.ResultMsg)).toContain("充值金额不能低于");
    const enough = await call("RechargeMemberCard", [
      ["pCinemaID", cinemaNo],
      ["pCardNo", card.cardNo],
      ["pOrderID", "R2"],
      ["pBalance", (grade.minRechargeFen / 100).toFixed(2)],
    ]);
    expect(enough.body.RechargeInfo.RechargeBalance).toBe((grade.minRechargeFen / 100).toFixed(2));
  });

  it("faults: down is an HTML 503 page, a rate limit HTTP 429", async () => {
    faults.update({ default: { down: true } });
    const down = await call("GetCinema", []);
    expect(down.status).toBe(503);
    expect(down.raw).toContain("<html");
    faults.reset();
    faults.update({ rateLimitPerSecond: 1 });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await call("GetCinema", [])).status);
    expect(codes).toContain(429);
    faults.reset();
  });
});
