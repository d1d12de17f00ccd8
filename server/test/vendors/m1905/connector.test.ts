import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import iconv from "iconv-lite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import type { LockRequest } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createM1905Connector, type M1905Connector } from "../../../src/vendors/m1905/index.js";
import { partnerOrderId } from "../../../src/vendors/m1905/mapping.js";
import { m1905VerifyInfo } from "../../../src/vendors/m1905/signing.js";

// Canned 1905 replies in the shapes public-refs §8.2 lists, served on loopback; every request is kept
// so the tests check what was sent as well as how the answer was read.
type Answer = { status?: number; body: string | Buffer; type?: string };
const credentials = { appCode: "1000000001", key: "0123456789abcdef0123456789abcdef" };
const now = parseChinaLocal("2026-05-01 10:00:00");
const clock = { now: () => now };
const xml = (body: string): Answer => ({ body: `<?xml version="1.0" encoding="UTF-8"?>${body}`, type: "text/xml" });

let server: Server;
let url = "";
const answers = new Map<string, Answer | (() => Answer)>();
const seen: Array<{ path: string; body: string }> = [];
let recorder: RingCallRecorder;
let c: M1905Connector;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const ch of req) chunks.push(ch as Buffer);
    const path = new URL(req.url ?? "/", "http://x").pathname;
    seen.push({ path, body: Buffer.concat(chunks).toString("utf8") });
    const found = answers.get(path);
    const a = typeof found === "function" ? found() : found;
    if (!a) return void res.writeHead(404, { "content-type": "text/html" }).end("<html>404</html>");
    res.writeHead(a.status ?? 200, { "content-type": a.type ?? "text/xml; charset=utf-8" }).end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/Api`;
});
beforeEach(() => {
  answers.clear();
  seen.length = 0;
  recorder = new RingCallRecorder(100);
  c = createM1905Connector({ baseUrl: url, accountId: "a1", credentials, clock, recorder, timeoutMs: 1000 });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const cinemaXml = (name = "测试影城") =>
  `<GetCinemaResult><ResultCode>0</ResultCode><Cinemas><Cinema><CinemaNo>194</CinemaNo><CinemaName>${name}</CinemaName><CinemaCode>44012345</CinemaCode><CityNo>440100</CityNo><CreateDate>2015-06-01</CreateDate><SellStopTime>20</SellStopTime></Cinema></Cinemas></GetCinemaResult>`;
const filmsXml =
  "<GetFeatureFilmResult><ResultCode>0</ResultCode><Films><Film><FilmNo>5001</FilmNo><FilmName>流浪</FilmName><FilmType>1</FilmType><FilmTypeDesc>2D</FilmTypeDesc><FilmCode>001101852026</FilmCode><Language>国语</Language></Film></Films></GetFeatureFilmResult>";
const session = (no: string, status: string, settle = "35.00") =>
  `<Session><SessionNo>${no}</SessionNo><SessionDate>2026-05-01</SessionDate><StartTime>19:30</StartTime><TotalTime>120</TotalTime><Films><Film><FilmNo>5001</FilmNo><FilmName>流浪</FilmName><FilmType>2D</FilmType><Language>国语</Language></Film></Films><ScreenNo>3</ScreenNo><ScreenNType>2D</ScreenNType><CinemaNo>194</CinemaNo><AppPrice>${settle}</AppPrice><SettlementPrice>${settle}</SettlementPrice><StandartPrice>60.0</StandartPrice><LowestPrice>30</LowestPrice><Fee>3.0</Fee><CinemaFee>0</CinemaFee><Type>1</Type><Status>${status}</Status></Session>`;

function sentForm(path: string): URLSearchParams {
  const r = [...seen].reverse().find((s) => s.path === path);
  if (!r) throw new Error(`nothing sent to ${path}`);
  return new URLSearchParams(r.body);
}

describe("1905 connector: requests and replies", () => {
  it("posts a signed form to {base}/{Method} and reads the hall layout with BindNo love pairs", async () => {
    answers.set(
      "/Api/GetScreenSeat",
      xml(
        "<GetScreenSeatResult><ResultCode>0</ResultCode><ScreenSeats>" +
          "<ScreenSeat><SeatNo>1001</SeatNo><SeatRow>1</SeatRow><SeatCol>1</SeatCol><GraphRow>1</GraphRow><GraphCol>1</GraphCol><BindNo>0</BindNo></ScreenSeat>" +
          "<ScreenSeat><SeatNo>1003</SeatNo><SeatRow>1</SeatRow><SeatCol>3</SeatCol><GraphRow>1</GraphRow><GraphCol>3</GraphCol><BindNo>77</BindNo></ScreenSeat>" +
          "<ScreenSeat><SeatNo>1002</SeatNo><SeatRow>1</SeatRow><SeatCol>2</SeatCol><GraphRow>1</GraphRow><GraphCol>2</GraphCol><BindNo>77</BindNo></ScreenSeat>" +
          "</ScreenSeats></GetScreenSeatResult>",
      ),
    );
    const res = await c.getSeatLayout({ vendorCinemaId: "194" }, "K7");
    const form = sentForm("/Api/GetScreenSeat");
    expect([...form.keys()]).toEqual(["pAppCode", "pCinemaID", "pScreenID", "pVerifyInfo"]);
    // public-refs §8.1's worked example.
    expect(form.get("pVerifyInfo")).toBe("8d0c0aba64d5d8e85f339e7a8ca2d23d");
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const byId = Object.fromEntries(res.value.seats.map((s) => [s.vendorSeatId, s]));
    expect(byId["1001"]?.kind).toBe("normal");
    expect(byId["1002"]).toMatchObject({ kind: "loveLeft", pairSeatId: "1003" });
    expect(byId["1003"]).toMatchObject({ kind: "loveRight", pairSeatId: "1002" });
    expect(res.value).toMatchObject({ rows: 1, cols: 3 });
  });

  it("showtimes: prices in fen with the floor and fee, stop-selling from SellStopTime, Status≠1 off sale", async () => {
    answers.set("/Api/GetCinema", xml(cinemaXml()));
    answers.set("/Api/GetFeatureFilm", xml(filmsXml));
    answers.set(
      "/Api/GetCinemaAllSession",
      xml(
        `<GetCinemaSessionResult><ResultCode>0</ResultCode><Sessions>${session("900001", "1")}${session("900002", "0")}${session("900003", "1", "abc")}</Sessions></GetCinemaSessionResult>`,
      ),
    );
    const res = await c.listShowtimes({
      cinema: { vendorCinemaId: "194" },
      fromDate: "2026-05-01",
      toDate: "2026-05-01",
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const [a, b, bad] = res.value;
    const start = parseChinaLocal("2026-05-01 19:30:00");
    expect(a).toMatchObject({
      vendorShowtimeId: "900001",
      vendorHallId: "3",
      vendorFilmId: "5001",
      filmNationalCode: "001101852026",
      startsAt: start,
      endsAt: start + 120 * 60_000,
      stopSellingAt: start - 20 * 60_000,
      onSale: true,
      price: { listFen: 6000, settleFen: 3500, lowestFen: 3000, serviceFeeFen: 300 },
    });
    expect(b?.onSale).toBe(false);
    expect(bad?.onSale).toBe(false);
    expect(bad?.priceIssue).toContain("SettlementPrice");
    // The business day asked for is kept: none of these falls on the next day.
    const next = await c.listShowtimes({
      cinema: { vendorCinemaId: "194" },
      fromDate: "2026-05-02",
      toDate: "2026-05-02",
    });
    expect(next.ok && next.value).toEqual([]);
  });

  it("a wrong key → auth_failed carrying 1905's own code and text", async () => {
    answers.set(
      "/Api/GetCinema",
      xml("<GetCinemaResult><ResultCode>1001</ResultCode><ResultMsg>校验信息错误</ResultMsg></GetCinemaResult>"),
    );
    const res = await c.ping();
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe("auth_failed");
    expect(res.error.vendorCode).toBe("1001");
    expect(res.error.message).toContain("校验信息错误");
  });

  it("malformed XML → vendor_unavailable, never a throw", async () => {
    answers.set("/Api/GetCinema", xml(cinemaXml()));
    answers.set("/Api/GetScreen", xml("<GetScreenResult><ResultCode>0</ResultCode><Screens><Scr"));
    const res = await c.getCinema({ vendorCinemaId: "194" });
    expect(!res.ok && res.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "bad_response" });
    // A well-formed document without ResultCode is just as unreadable.
    answers.set("/Api/GetScreen", xml("<GetScreenResult><Screens/></GetScreenResult>"));
    const none = await c.getCinema({ vendorCinemaId: "194" });
    expect(!none.ok && none.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "bad_response" });
  });

  it("an HTML error page instead of XML → vendor_unavailable on a read, outcome_unknown on a sale", async () => {
    const page = { body: "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", type: "text/html" };
    answers.set("/Api/GetSessionSeat", page);
    const read = await c.getSeatStatus({ vendorCinemaId: "194" }, {
      vendorShowtimeId: "900001",
    } as never);
    expect(!read.ok && read.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "html_page" });
    answers.set("/Api/SellTicketCustom", page);
    const sale = await c.confirm({ ...lockReq(), vendorLockId: "CGabc", totalFen: 3800, attempt: 1 });
    expect(!sale.ok && sale.error).toMatchObject({ code: "outcome_unknown", vendorCode: "html_page" });
    // Never resent: one sale reached the server.
    expect(seen.filter((s) => s.path === "/Api/SellTicketCustom")).toHaveLength(1);
  });

  it("an HTTP 5xx error page → vendor_unavailable", async () => {
    answers.set("/Api/GetFeatureFilm", { status: 503, body: "<html>503</html>", type: "text/html" });
    const res = await c.listFilms({ vendorCinemaId: "194" });
    expect(!res.ok && res.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "http_503" });
  });

  it("a GBK-encoded reply (declared in the XML and the content type) is decoded", async () => {
    const text = `<?xml version="1.0" encoding="GBK"?>${cinemaXml("广州测试影城")}`;
    answers.set("/Api/GetCinema", { body: iconv.encode(text, "gbk"), type: "text/xml; charset=GBK" });
    const res = await c.listCinemas!();
    expect(res.ok && res.value[0]).toMatchObject({
      vendorCinemaId: "194",
      name: "广州测试影城",
      nationalCode: "44012345",
    });
  });

  it("an undocumented refusal of a lock is seat_unavailable only when 1905 shows a wanted seat taken", async () => {
    answers.set(
      "/Api/LockSeatCustom",
      xml(
        "<RealCheckSeatStateResult><ResultCode>2002</ResultCode><ResultMsg>座位已售</ResultMsg></RealCheckSeatStateResult>",
      ),
    );
    const seats = (status: string) =>
      xml(
        `<GetSessionSeatResult><ResultCode>0</ResultCode><SessionSeats><SessionSeat><SeatNo>1001</SeatNo><GraphRow>1</GraphRow><GraphCol>1</GraphCol><SeatStatus>${status}</SeatStatus></SessionSeat></SessionSeats></GetSessionSeatResult>`,
      );
    answers.set("/Api/GetSessionSeat", seats("3"));
    const taken = await c.lock(lockReq());
    expect(!taken.ok && taken.error).toMatchObject({ code: "seat_unavailable", vendorCode: "2002" });
    answers.set("/Api/GetSessionSeat", seats("0"));
    const other = await c.lock(lockReq());
    expect(!other.ok && other.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "2002" });
    if (!other.ok) expect(other.error.message).toContain("座位已售");
  });

  it("lock sends the documented parameters and reads AutoUnlockDatetime as the lock's end", async () => {
    const unlock = Math.floor(now / 1000) + 600;
    answers.set(
      "/Api/LockSeatCustom",
      xml(
        `<RealCheckSeatStateResult><ResultCode>0</ResultCode><OrderNo>O1</OrderNo><SeatInfos><SeatInfo><SeatNo>1001</SeatNo><TicketPrice>35.00</TicketPrice><SeatRow>1</SeatRow><SeatCol>1</SeatCol><AutoUnlockDatetime>${unlock}</AutoUnlockDatetime></SeatInfo></SeatInfos></RealCheckSeatStateResult>`,
      ),
    );
    const req = lockReq();
    const res = await c.lock(req);
    expect(res.ok && res.value).toMatchObject({
      vendorLockId: partnerOrderId(req.orderId),
      lockedUntil: unlock * 1000,
    });
    const form = sentForm("/Api/LockSeatCustom");
    expect([...form.keys()]).toEqual([
      "pAppCode",
      "pSessionID",
      "pOrderID",
      "pSeatNo",
      "pTicketPrice",
      "pFee",
      "pVerifyInfo",
    ]);
    expect(form.get("pOrderID")).toMatch(/^[0-9A-Za-z]{20}$/);
    expect(form.get("pTicketPrice")).toBe("35.00");
    expect(form.get("pFee")).toBe("3.00");
    const values = ["pSessionID", "pOrderID", "pSeatNo", "pTicketPrice", "pFee"].map((k) => form.get(k) ?? "");
    expect(form.get("pVerifyInfo")).toBe(m1905VerifyInfo(credentials.appCode, values, credentials.key));
  });

  it("a price under LowestPrice is refused before anything is sent", async () => {
    const req = lockReq();
    req.seats[0]!.settleFen = 2000;
    const res = await c.lock(req);
    expect(!res.ok && res.error.code).toBe("price_rejected");
    expect(seen).toHaveLength(0);
  });

  it("GetOrderStatus states: 0 not_submitted, 1 issued with pickup codes, 2 pending, 6 failed, RefundStatus 1 refunded", async () => {
    const order = (status: string, refund = "0") =>
      xml(
        `<GetOrderStatusResult><ResultCode>0</ResultCode><OrderNo>O1</OrderNo><PrintNo>${status === "1" ? "1234567890" : ""}</PrintNo><PrintStatus>0</PrintStatus><RefundStatus>${refund}</RefundStatus><VerifyCode>${status === "1" ? "654321" : ""}</VerifyCode><OrderStatus>${status}</OrderStatus><Seats><Seat><SeatNo>1001</SeatNo><FilmTicketCode>T1</FilmTicketCode></Seat></Seats></GetOrderStatusResult>`,
      );
    const ref = { ...lockReq(), vendorLockId: "CG1", totalFen: 3800 };
    const states: Record<string, unknown> = {};
    for (const [s, r] of [
      ["0", "0"],
      ["1", "0"],
      ["2", "0"],
      ["6", "0"],
      ["1", "1"],
      ["9", "0"],
    ] as const) {
      answers.set("/Api/GetOrderStatus", order(s, r));
      const q = await c.queryOrder(ref);
      states[`${s}/${r}`] = q.ok ? q.value : q.error;
    }
    expect(states["0/0"]).toMatchObject({ state: "not_submitted" });
    expect(states["1/0"]).toMatchObject({
      state: "issued",
      vendorOrderId: "O1",
      pickup: { printCode: "1234567890", verifyCode: "654321" },
      tickets: [{ vendorSeatId: "1001", ticketNo: "T1" }],
    });
    expect(states["2/0"]).toMatchObject({ state: "pending" });
    expect(states["6/0"]).toMatchObject({ state: "failed" });
    expect(states["1/1"]).toMatchObject({ state: "refunded" });
    // An OrderStatus the refs do not list is not final: keep asking.
    expect(states["9/0"]).toMatchObject({ state: "pending" });
  });

  it("the key never reaches a recorded call", async () => {
    answers.set("/Api/GetCinema", xml(cinemaXml()));
    await c.ping();
    const calls = recorder.recent(() => true, 10);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(`${call.request} ${call.response}`).not.toContain(credentials.key);
  });
});

function lockReq(): LockRequest {
  return {
    cinema: { vendorCinemaId: "194" },
    showtime: {
      vendorShowtimeId: "900001",
      vendorHallId: "3",
      startsAt: now + 3 * 3600_000,
      stopSellingAt: now + 2 * 3600_000,
      vendorData: { lowestFen: 3000 },
    },
    seats: [{ vendorSeatId: "1001", rowLabel: "1", colLabel: "1", settleFen: 3500, serviceFeeFen: 300 }],
    mobile: "13800138000",
    orderId: "ord_test1",
  };
}
