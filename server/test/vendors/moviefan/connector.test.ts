import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import type { LockRequest, OrderRef } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createMoviefanConnector, type MoviefanConnector } from "../../../src/vendors/moviefan/index.js";
import { moviefanSign } from "../../../src/vendors/moviefan/signing.js";
import { CannedServer } from "./canned-server.js";
import { docExamples } from "./docs-examples.js";

const credentials = { channelCode: "cinegate", secret: "moviefan-unit-secret-42" };
const now = parseChinaLocal("2015-07-23 01:00:00");
const clock = { now: () => now };
const api = (call: string) => `/api/${call}.aspx`;
const json = (body: string) => ({ body });

let server: CannedServer;
let recorder: RingCallRecorder;
let mf: MoviefanConnector;
const cinema = { vendorCinemaId: "5809" };

beforeAll(async () => {
  server = await new CannedServer().start();
  for (const [call, body] of Object.entries(docExamples)) server.on(api(call), json(body));
});
beforeEach(() => {
  recorder = new RingCallRecorder(100);
  mf = createMoviefanConnector({ baseUrl: server.url, accountId: "mf1", credentials, clock, recorder, timeoutMs: 500 });
});
afterAll(() => server.close());

/** The request carries channelCode and a valid signature over exactly what was sent. */
function expectSigned(path: string, expected: Record<string, string>) {
  const req = server.last(path);
  const { sign, ...rest } = req.params;
  expect(rest).toEqual({ ...expected, channelCode: "cinegate" });
  expect(sign).toBe(moviefanSign(rest, credentials.secret));
}

describe("Moviefan connector on the document's examples", () => {
  it("queryLocations", async () => {
    const res = await mf.listLocations();
    expect(res).toEqual({
      ok: true,
      value: [
        {
          locationId: "110000",
          parentId: "0",
          type: 1,
          name: "北京市",
          nameEn: "Beijing",
          pinyin: "beijing",
          pinyinShort: "bj",
          code: "110000",
          hot: true,
        },
      ],
    });
    expect(server.last(api("queryLocations")).method).toBe("GET");
    expectSigned(api("queryLocations"), {});
  });

  it("queryCinemas (the `cinemas ` key with a trailing space) and ping's totalCount string", async () => {
    const ping = await mf.ping();
    expect(ping).toEqual({ ok: true, value: { cinemaCount: 1112 } });
    expectSigned(api("queryCinemas"), { pageIndex: "1" });
  });

  it("queryCinema + queryHalls (PascalCase, space-padded keys)", async () => {
    const res = await mf.getCinema(cinema);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value).toMatchObject({
      vendorCinemaId: "5809",
      name: "兴亚国际影城",
      address: "安定街168号兴亚时代广场四层",
      cityCode: "230300",
      location: { lat: 45.55321, lng: 131.8811 },
      halls: [{ vendorHallId: "35296", name: "一号厅", type: "0", seatCount: 50 }],
    });
    expect(res.value.phone).toBeUndefined();
    expectSigned(api("queryCinema"), { cinemaID: "5809" });
    expectSigned(api("queryHalls"), { cinemaID: "5809" });
  });

  it("queryMovies / queryMovie: versions and types through the tables, /Date()/ and the image base", async () => {
    const films = await mf.listFilms(cinema);
    const one = await mf.getFilm("213");
    for (const res of [films.ok ? { ok: true, value: films.value[0] } : films, one]) {
      expect(res.ok).toBe(true);
      if (!res.ok) continue;
      expect(res.value).toMatchObject({
        vendorFilmId: "213",
        title: "疯狂动物城",
        language: "英语",
        durationMinutes: 109,
        versions: ["2D", "3D", "IMAX3D", "中国巨幕3D"],
        genres: ["喜剧片", "动作片", "动画片", "冒险片"],
        poster: "http://image.moviefan.com.cn/Movie/2016-2-27/635921283890671638.jpg",
        director: "拜伦·霍华德 / 瑞奇·摩尔 / 杰拉德",
        cast: "金妮弗·古德温 / 杰森·贝特曼 / 夏奇拉",
        // 1457020800000 = 2016-03-04 00:00 China time
        releaseDate: "2016-03-04",
      });
    }
    expectSigned(api("queryMovie"), { movieID: "213" });
  });

  it('queryShows: string numbers, padded keys, yuan prices (the example\'s "51" is ¥51), China times, business-day filter', async () => {
    const res = await mf.listShowtimes({ cinema, fromDate: "2015-07-22", toDate: "2015-07-22" });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    // 03:05 on the 23rd belongs to the 22nd's business day.
    expect(res.value).toEqual([
      {
        vendorShowtimeId: "124",
        vendorHallId: "515",
        hallName: undefined,
        vendorFilmId: "151",
        startsAt: parseChinaLocal("2015-07-23 03:05:00"),
        endsAt: undefined,
        stopSellingAt: parseChinaLocal("2015-07-23 03:05:00"),
        onSale: true,
        language: undefined,
        version: undefined,
        price: { settleFen: 5100, listFen: 5100, serviceFeeFen: 0 },
        rawPrice: 'price="51"',
      },
    ]);
    const other = await mf.listShowtimes({ cinema, fromDate: "2015-07-23", toDate: "2015-07-24" });
    expect(other.ok && other.value).toEqual([]);
    expectSigned(api("queryShows"), { cinemaID: "5809" });
  });

  it("queryShows: decimal yuan is read exactly; a price that is not money is reported, never read as 0", async () => {
    const show = (price: unknown, retailPrice: unknown) =>
      JSON.stringify({
        code: 1,
        shows: [
          {
            showtimeID: "124",
            movieID: "151",
            hallID: "515",
            price,
            retailPrice,
            showTime: "2015-07-23 03:05:00",
            status: 1,
          },
        ],
      });
    const read = async (price: unknown, retailPrice: unknown) => {
      server.on(api("queryShows"), json(show(price, retailPrice)));
      const res = await mf.listShowtimes({ cinema, fromDate: "2015-07-22", toDate: "2015-07-22" });
      if (!res.ok) throw new Error(res.error.message);
      return res.value[0]!;
    };
    try {
      expect((await read("51.5", 60)).price).toEqual({ settleFen: 5150, listFen: 6000, serviceFeeFen: 0 });
      const bad = await read("五十一", "60");
      expect(bad.price.settleFen).toBeUndefined();
      expect(bad.priceIssue).toBe('price "五十一" is not a yuan amount');
      expect(bad.rawPrice).toBe('price="五十一" retailPrice="60"');
    } finally {
      server.on(api("queryShows"), json(docExamples.queryShows));
    }
  });

  it("queryShowSeats: xCoord is the horizontal position (table), status and love pairs", async () => {
    const res = await mf.getSeatLayout(cinema, "515", {
      vendorShowtimeId: "124",
      vendorHallId: "515",
      vendorFilmId: "151",
      startsAt: now,
      stopSellingAt: now,
      onSale: true,
      price: {},
    });
    expect(res.ok && res.value.seats).toEqual([
      { vendorSeatId: "19_12", rowLabel: "12", colLabel: "19", x: 12, y: 19, kind: "normal" },
    ]);
    expectSigned(api("queryShowSeats"), { showtimeID: "124" });
  });

  it("queryShowSeats with love seats, aisles and taken seats", async () => {
    const seats = [
      { seatID: "1_1", rowNum: "1", colNum: "1", xCoord: 1, yCoord: 1, type: 2, loveCode: "L1", status: 1 },
      { seatID: "2_1", rowNum: "1", colNum: "2", xCoord: 2, yCoord: 1, type: 3, loveCode: "L1", status: 1 },
      { seatID: "3_1", rowNum: "", colNum: "", xCoord: 3, yCoord: 1, type: 1, loveCode: "", status: 2 },
      { seatID: "4_1", rowNum: "1", colNum: "3", xCoord: 4, yCoord: 1, type: 1, loveCode: "", status: 0 },
      { seatID: "1_2", rowNum: "2", colNum: "1", xCoord: 1, yCoord: 2, type: 2, loveCode: "L9", status: 1 },
    ];
    server.on(api("queryShowSeats"), json(JSON.stringify({ code: 1, msg: "操作成功", seats })));
    try {
      const show = { vendorShowtimeId: "9", vendorHallId: "h", vendorFilmId: "f", startsAt: now, stopSellingAt: now };
      const layout = await mf.getSeatLayout(cinema, "h", { ...show, onSale: true, price: {} });
      expect(layout.ok).toBe(true);
      if (!layout.ok) return;
      expect(layout.value).toMatchObject({ rows: 2, cols: 4, areas: [] });
      expect(layout.value.seats.map((s) => [s.vendorSeatId, s.kind, s.pairSeatId, s.broken])).toEqual([
        ["1_1", "loveLeft", "2_1", undefined],
        ["2_1", "loveRight", "1_1", undefined],
        ["4_1", "normal", undefined, undefined],
        // half a pair cannot be sold
        ["1_2", "normal", undefined, true],
      ]);
      const status = await mf.getSeatStatus(cinema, { ...show, onSale: true, price: {} });
      expect(status).toEqual({ ok: true, value: { "4_1": "unavailable" } });
    } finally {
      server.on(api("queryShowSeats"), json(docExamples.queryShowSeats));
    }
  });
});

const lockReq = (n = 2): LockRequest => ({
  cinema,
  showtime: { vendorShowtimeId: "124", vendorHallId: "515", startsAt: now + 3600_000, stopSellingAt: now + 3000_000 },
  seats: Array.from({ length: n }, (_, i) => ({
    vendorSeatId: `${19 + i}_12`,
    rowLabel: "12",
    colLabel: String(19 + i),
    settleFen: 2800,
    serviceFeeFen: 0,
  })),
  mobile: "13812345678",
  orderId: "ord_1",
});

describe("Moviefan trade calls on the document's examples", () => {
  it("lockSeats: ids, names and mobile; `order.OrderExternalID`; a 15-minute lock", async () => {
    const res = await mf.lock(lockReq());
    expect(res).toEqual({
      ok: true,
      value: {
        vendorLockId: "1407311000000023",
        lockedUntil: now + 15 * 60_000,
        vendorData: { orderExternalID: "1407311000000023", seatIDs: ["19_12", "20_12"] },
      },
    });
    const req = server.last(api("lockSeats"));
    expect(req.method).toBe("POST");
    expect(req.contentType).toMatch(/x-www-form-urlencoded/);
    expectSigned(api("lockSeats"), {
      showtimeID: "124",
      seatIDs: "19_12,20_12",
      seatNames: "12排19列,12排20列",
      mobile: "13812345678",
    });
  });

  it("refuses more than 4 seats and a closed showtime without calling", async () => {
    const before = server.seen.length;
    const five = await mf.lock(lockReq(5));
    expect(!five.ok && five.error.code).toBe("invalid_request");
    const closed = await mf.lock({ ...lockReq(), showtime: { ...lockReq().showtime, stopSellingAt: now } });
    expect(!closed.ok && closed.error.code).toBe("showtime_closed");
    expect(server.seen.length).toBe(before);
  });

  it('submitOrder declares fen = queryShows yuan × 100 × seats (the example\'s price "51", two seats → "10200")', async () => {
    const shows = await mf.listShowtimes({ cinema, fromDate: "2015-07-22", toDate: "2015-07-22" });
    if (!shows.ok) throw new Error(shows.error.message);
    const unitFen = shows.value[0]!.price.settleFen!;
    const req = lockReq(2);
    await mf.confirm({
      ...req,
      seats: req.seats.map((s) => ({ ...s, settleFen: unitFen })),
      vendorLockId: "657339",
      lockVendorData: { seatIDs: ["19_12", "20_12"] },
      totalFen: unitFen * 2,
      attempt: 1,
    });
    expectSigned(api("submitOrder"), { mobile: "13812345678", amount: "10200", orderExternalID: "657339" });
  });

  it('submitOrder (code "001") then queryOrder: amount in fen; issued with codes, counter code and QR', async () => {
    const res = await mf.confirm({
      ...lockReq(1),
      vendorLockId: "657339",
      lockVendorData: { seatIDs: ["19_12"] },
      totalFen: 2800,
      attempt: 1,
    });
    expectSigned(api("submitOrder"), { mobile: "13812345678", amount: "2800", orderExternalID: "657339" });
    expect(server.last(api("submitOrder")).method).toBe("POST");
    expect(res).toEqual({
      ok: true,
      value: {
        state: "issued",
        vendorOrderId: "657339",
        tickets: [{ vendorSeatId: "19_12" }],
        pickup: {
          printCode: "2018012228230622",
          verifyCode: "505604",
          instructions: "柜台取票：订单号 895463，验证码 505604；到影城自助取票机取票",
        },
      },
    });
  });

  it("queryOrder maps every status: only 30 and 40 are final; a returned order is refunded", async () => {
    const detail = JSON.parse(docExamples.queryOrder).orderdetail;
    const ref: OrderRef = {
      cinema,
      showtime: lockReq().showtime,
      orderId: "ord_1",
      vendorLockId: "657339",
      totalFen: 2800,
    };
    const stateFor = async (patch: Record<string, unknown>) => {
      server.on(api("queryOrder"), json(JSON.stringify({ orderDetail: { ...detail, ...patch }, code: 1, msg: "" })));
      const r = await mf.queryOrder(ref);
      return r.ok ? r.value.state : r.error.code;
    };
    try {
      // Paid (the example's payState 1): only 30 and 40 are final.
      for (const s of [0, 2, 10, 20, 100, 110]) expect(await stateFor({ externalOrderStatus: s })).toBe("pending");
      // Unpaid: the submit never took effect; still locked → submit again, cancelled or released → final.
      for (const s of [0, 10]) expect(await stateFor({ externalOrderStatus: s, payState: 0 })).toBe("not_submitted");
      for (const s of [2, 20, 100, 110]) expect(await stateFor({ externalOrderStatus: s, payState: 0 })).toBe("failed");
      expect(await stateFor({ externalOrderStatus: 40 })).toBe("failed");
      expect(await stateFor({ externalOrderStatus: "30" })).toBe("issued");
      expect(await stateFor({ externalOrderStatus: 30, ReturnedOrderStatus: 2 })).toBe("refunded");
      server.on(api("queryOrder"), json(JSON.stringify({ code: 300, msg: "订单不存在" })));
      expect(await mf.queryOrder(ref)).toEqual({ ok: true, value: { state: "not_found" } });
      // a counter code without a bar is used whole; a QR payload passes through
      server.on(
        api("queryOrder"),
        json(
          JSON.stringify({
            orderdetail: { ...detail, printCode: "", cinemaTicketCode: "778899", QrCode: "QR-1" },
            code: 1,
            msg: "",
          }),
        ),
      );
      const whole = await mf.queryOrder(ref);
      expect(whole.ok && whole.value.state === "issued" && whole.value.pickup).toEqual({
        printCode: "778899",
        qrPayload: "QR-1",
        instructions: "柜台取票码 778899；到影城自助取票机取票",
      });
    } finally {
      server.on(api("queryOrder"), json(docExamples.queryOrder));
    }
  });

  it("a failed submit is followed by a query: paid → pending; unpaid → the submit's error", async () => {
    const detail = JSON.parse(docExamples.queryOrder).orderdetail;
    server.on(api("submitOrder"), json(`{"code":303,"msg":"确认订单信息不正确"}`));
    const req = { ...lockReq(1), vendorLockId: "657339", totalFen: 2800, attempt: 1 };
    try {
      server.on(
        api("queryOrder"),
        json(JSON.stringify({ orderdetail: { ...detail, externalOrderStatus: 10 }, code: 1 })),
      );
      expect(await mf.confirm(req)).toEqual({ ok: true, value: { state: "pending", vendorOrderId: "657339" } });
      server.on(
        api("queryOrder"),
        json(JSON.stringify({ orderdetail: { ...detail, externalOrderStatus: 10, payState: 0 }, code: 1 })),
      );
      const res = await mf.confirm(req);
      expect(!res.ok && res.error).toMatchObject({ code: "price_rejected", vendorCode: "303" });
    } finally {
      server.on(api("submitOrder"), json(docExamples.submitOrder));
      server.on(api("queryOrder"), json(docExamples.queryOrder));
    }
  });

  it("a submitOrder without an answer is outcome_unknown and is not resent", async () => {
    server.on(api("submitOrder"), "hang");
    try {
      const before = server.seen.filter((s) => s.path === api("submitOrder")).length;
      const res = await mf.confirm({ ...lockReq(1), vendorLockId: "657339", totalFen: 2800, attempt: 1 });
      expect(!res.ok && res.error.code).toBe("outcome_unknown");
      expect(server.seen.filter((s) => s.path === api("submitOrder")).length).toBe(before + 1);
    } finally {
      server.on(api("submitOrder"), json(docExamples.submitOrder));
    }
  });

  it('releaseSeats (code "1")', async () => {
    const res = await mf.release({
      cinema,
      showtime: lockReq().showtime,
      orderId: "o",
      vendorLockId: "77",
      totalFen: 0,
    });
    expect(res).toEqual({ ok: true, value: undefined });
    expectSigned(api("releaseSeats"), { orderExternalID: "77" });
  });

  it("maps return codes to the standard vocabulary with the vendor's code and message", async () => {
    const cases: Array<[number, string, string]> = [
      [101, "签名错误", "auth_failed"],
      [200, "缺少参数", "invalid_request"],
      [201, "渠道场次失效", "showtime_closed"],
      [301, "锁座失败", "seat_unavailable"],
      [302, "订单状态不正确", "order_state"],
      [100, "系统错误", "vendor_unavailable"],
      [100, "请求过于频繁", "rate_limited"],
    ];
    try {
      for (const [code, msg, standard] of cases) {
        server.on(api("lockSeats"), json(JSON.stringify({ code, msg })));
        const res = await mf.lock(lockReq());
        expect(!res.ok && res.error).toMatchObject({ code: standard, vendorCode: String(code), message: msg });
      }
      server.on(api("lockSeats"), { status: 503, body: "<html>Service Unavailable</html>", contentType: "text/html" });
      const down = await mf.lock(lockReq());
      expect(!down.ok && down.error.code).toBe("vendor_unavailable");
      server.on(api("lockSeats"), json("<html>oops</html>"));
      const garbled = await mf.lock(lockReq());
      expect(!garbled.ok && garbled.error.code).toBe("outcome_unknown");
    } finally {
      server.on(api("lockSeats"), json(docExamples.lockSeats));
    }
  });

  it("accepts the document's base URL form ending in /api/", async () => {
    const viaApi = createMoviefanConnector({
      baseUrl: `${server.url}/api/`,
      accountId: "mf1",
      credentials,
      clock,
      recorder,
    });
    expect((await viaApi.ping()).ok).toBe(true);
    await viaApi.close();
  });
});

describe("Moviefan call recording", () => {
  it("records every call without the secret and with the buyer's mobile masked", async () => {
    await mf.ping();
    await mf.lock(lockReq());
    await mf.confirm({ ...lockReq(1), vendorLockId: "657339", totalFen: 2800, attempt: 1 });
    const calls = recorder.recent();
    expect(calls.map((c) => c.call)).toEqual([
      "moviefan.queryOrder",
      "moviefan.submitOrder",
      "moviefan.lockSeats",
      "moviefan.queryCinemas",
    ]);
    for (const c of calls) {
      expect(c.outcome).toBe("ok");
      expect(c.vendorCode).toBe("1");
      const text = c.request + c.response;
      expect(text).not.toContain(credentials.secret);
      expect(text).not.toContain("13812345678");
    }
    expect(calls[2]!.request).toContain("138****5678");
  });
});
