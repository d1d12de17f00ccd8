import iconv from "iconv-lite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import type { LockRequest, OrderRef } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createHuolieniao5Connector } from "../../../src/vendors/huolieniao5/index.js";
import { ngcSign } from "../../../src/vendors/huolieniao5/signing.js";
import { CannedServer } from "../moviefan/canned-server.js";

// The connector against hand-written answers in the shapes public-refs §7.2 lists: what it sends
// (signed form, YXT extras behind the brand) and how it reads good, bad and foreign answers.
const KEY = "SecKeyDemo";
const XML = "text/xml; charset=utf-8";
const reply = (inner: string) => ({
  body: `<?xml version="1.0" encoding="UTF-8"?><reply>${inner}</reply>`,
  contentType: XML,
});
const now = parseChinaLocal("2026-05-01 10:00");
const clock = { now: () => now };

let server: CannedServer;
beforeAll(async () => {
  server = await new CannedServer().start();
});
afterAll(() => server.close());
beforeEach(() => {
  server.seen.length = 0;
});

const connect = (brand?: "dadi" | "tianhe") =>
  createHuolieniao5Connector({
    baseUrl: `${server.url}/ngc`,
    accountId: "t",
    credentials: { channelCode: "C001", key: KEY, ...(brand ? { brand } : {}) },
    clock,
    recorder: new RingCallRecorder(100),
    timeoutMs: 2_000,
  });

const cinema = { vendorCinemaId: "44010101" };
const showtime = {
  vendorShowtimeId: "140000000003",
  vendorHallId: "03",
  startsAt: parseChinaLocal("2026-05-01 20:00"),
  stopSellingAt: parseChinaLocal("2026-05-01 19:45"),
  vendorData: { lowestFen: 2000 },
};
const lockReq: LockRequest = {
  cinema,
  showtime,
  seats: [
    { vendorSeatId: "0300000100100101", rowLabel: "1", colLabel: "1", settleFen: 3500, serviceFeeFen: 300 },
    { vendorSeatId: "0300000100100201", rowLabel: "1", colLabel: "2", settleFen: 3500, serviceFeeFen: 300 },
  ],
  mobile: "13800138000",
  orderId: "ord_1",
};
const ref: OrderRef = {
  cinema,
  showtime,
  orderId: "ord_1",
  vendorLockId: "1777600000000001",
  lockVendorData: { seatCodes: ["0300000100100101", "0300000100100201"] },
  totalFen: 7600,
};

describe("火烈鸟 5.0 connector: what it sends", () => {
  it("posts a UTF-8 form to {base}/{action}.xml with channelCode and a sign over every field", async () => {
    server.on(
      "/ngc/lockSeats.xml",
      reply("<code>001</code><msg>操作成功。</msg><orderCode>1777600000000001</orderCode><lockTime>15</lockTime>"),
    );
    const res = await connect().lock(lockReq);
    expect(res.ok && res.value.vendorLockId).toBe("1777600000000001");
    expect(res.ok && res.value.lockedUntil).toBe(now + 15 * 60_000);
    const sent = server.last("/ngc/lockSeats.xml");
    expect(sent.params.channelCode).toBe("C001");
    expect(sent.params.seatCodes).toBe("0300000100100101,0300000100100201");
    expect(sent.params.cinemaCode).toBeUndefined();
    const { sign, ...rest } = sent.params;
    expect(sign).toBe(ngcSign(rest, KEY));
    expect(sent.rawBody).not.toContain(KEY);
  });

  it("大地 (YXT) adds cinemaCode, mobile and lockPrice to the lock, cinemaCode to the sale", async () => {
    server.on("/ngc/lockSeats.xml", reply("<code>001</code><orderCode>X1</orderCode><lockTime>10</lockTime>"));
    const c = connect("dadi");
    expect(c.brand.label.zh).toBe("大地（火烈鸟 5.0 / YXT）");
    const res = await c.lock(lockReq);
    expect(res.ok && res.value.lockedUntil).toBe(now + 10 * 60_000);
    const sent = server.last("/ngc/lockSeats.xml");
    expect(sent.params).toMatchObject({ cinemaCode: "44010101", mobile: "13800138000", lockPrice: "35.00" });
    // YXT re-checks the order after submitOrder: status 3 (paid, issuing) is pending, not issued.
    server.on(
      "/ngc/submitOrder.xml",
      reply("<code>001</code><printCode>1234567890</printCode><verifyCode>123456</verifyCode>"),
    );
    server.on("/ngc/queryOrder.xml", reply("<code>001</code><order><code>X1</code><status>3</status></order>"));
    const confirmed = await c.confirm({ ...lockReq, vendorLockId: "X1", totalFen: 7600, attempt: 1 });
    expect(confirmed.ok && confirmed.value.state).toBe("pending");
    expect(server.last("/ngc/submitOrder.xml").params).toMatchObject({
      cinemaCode: "44010101",
      orderSeats: "0300000100100101:38.00:35.00,0300000100100201:38.00:35.00",
    });
    expect(server.last("/ngc/queryOrder.xml").params.cinemaCode).toBe("44010101");
  });

  it("天河 takes the NGC shape (no YXT extras) but its name shows in messages", async () => {
    server.on("/ngc/queryCinema.xml", reply("<code>998</code><msg>签名校验失败。</msg>"));
    const res = await connect("tianhe").getCinema(cinema);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe("auth_failed");
      expect(res.error.message).toContain("天河");
      expect(res.error.message).toContain("签名校验失败");
    }
  });
});

describe("火烈鸟 5.0 connector: reading answers", () => {
  it("a wrong key is auth_failed with the vendor's text", async () => {
    server.on("/ngc/queryCinema.xml", reply("<code>998</code><msg>签名校验失败。</msg>"));
    const res = await connect().ping();
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatchObject({ code: "auth_failed", vendorCode: "998" });
    if (!res.ok) expect(res.error.message).toContain("签名校验失败");
  });

  it("ping takes 100 (no such cinema) as channel and sign accepted", async () => {
    server.on("/ngc/queryCinema.xml", reply("<code>100</code><msg>影院不存在。</msg>"));
    expect((await connect().ping()).ok).toBe(true);
  });

  it("an HTML error page is vendor_unavailable on a read and outcome_unknown on a sale, never a crash", async () => {
    const page = { body: "<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", contentType: "text/html" };
    server.on("/ngc/queryShows.xml", page);
    server.on("/ngc/submitOrder.xml", page);
    const read = await connect().listShowtimes({ cinema, fromDate: "2026-05-01", toDate: "2026-05-01" });
    expect(!read.ok && read.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "html_page" });
    const sale = await connect().confirm({ ...lockReq, vendorLockId: "X1", totalFen: 7600, attempt: 1 });
    expect(!sale.ok && sale.error.code).toBe("outcome_unknown");
  });

  it("broken XML or a foreign root is vendor_unavailable", async () => {
    server.on("/ngc/queryShows.xml", { body: "<reply><code>001</code><shows><show>", contentType: XML });
    const broken = await connect().listShowtimes({ cinema, fromDate: "2026-05-01", toDate: "2026-05-01" });
    expect(!broken.ok && broken.error.code).toBe("vendor_unavailable");
    server.on("/ngc/queryShows.xml", { body: "<html2><code>001</code></html2>", contentType: XML });
    const foreign = await connect().listShowtimes({ cinema, fromDate: "2026-05-01", toDate: "2026-05-01" });
    expect(!foreign.ok && foreign.error.code).toBe("vendor_unavailable");
  });

  it("reads a GBK answer declared in the XML header", async () => {
    const xml = `<?xml version="1.0" encoding="GBK"?><reply><code>001</code><msg>操作成功。</msg><cinema><code>44010101</code><name>大地影院（天河店）</name><cityCode>440100</cityCode></cinema></reply>`;
    server.on("/ngc/queryCinema.xml", { body: iconv.encode(xml, "gbk"), contentType: "text/xml" });
    server.on(
      "/ngc/queryHalls.xml",
      reply("<code>001</code><halls><hall><code>01</code><name>1号厅</name><seatCount>120</seatCount></hall></halls>"),
    );
    const res = await connect().getCinema(cinema);
    expect(res.ok && res.value).toMatchObject({
      vendorCinemaId: "44010101",
      nationalCode: "44010101",
      name: "大地影院（天河店）",
      halls: [{ vendorHallId: "01", name: "1号厅", seatCount: 120 }],
    });
  });

  it("an undocumented code is kept with its raw text; 345 (seen live) is a seat problem", async () => {
    server.on("/ngc/queryShows.xml", reply("<code>777</code><msg>系统维护中</msg>"));
    const res = await connect().listShowtimes({ cinema, fromDate: "2026-05-01", toDate: "2026-05-01" });
    expect(!res.ok && res.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "777" });
    if (!res.ok) expect(res.error.message).toContain("系统维护中 (undocumented code)");
    server.on("/ngc/lockSeats.xml", reply("<code>345</code><msg>订单所包含的影票中座位信息不存在</msg>"));
    const lock = await connect().lock(lockReq);
    expect(!lock.ok && lock.error.code).toBe("seat_unavailable");
  });

  it("reads shows with prices, floor and stop time, and love seats paired by loveCode", async () => {
    server.on(
      "/ngc/queryShows.xml",
      reply(
        "<code>001</code><shows><show><channelShowCode>140000000003</channelShowCode><cinemaCode>44010101</cinemaCode><cinemaShowCode>S9</cinemaShowCode><hallCode>03</hallCode><filmCode>001101852026</filmCode><filmName>流浪地球3</filmName><showType>3D</showType><language>国语</language><showTime>2026-05-01 20:00:00</showTime><duration>120</duration><stopSellTime>2026-05-01 19:45:00</stopSellTime><stdPrice>60.00</stdPrice><minPrice>20.00</minPrice><settlePrice>35.00</settlePrice><status>1</status></show></shows>",
      ),
    );
    const res = await connect().listShowtimes({ cinema, fromDate: "2026-05-01", toDate: "2026-05-01" });
    expect(res.ok && res.value[0]).toMatchObject({
      vendorShowtimeId: "140000000003",
      filmNationalCode: "001101852026",
      startsAt: parseChinaLocal("2026-05-01 20:00"),
      endsAt: parseChinaLocal("2026-05-01 22:00"),
      stopSellingAt: parseChinaLocal("2026-05-01 19:45"),
      onSale: true,
      price: { listFen: 6000, settleFen: 3500, lowestFen: 2000 },
    });
    server.on(
      "/ngc/querySeats.xml",
      reply(
        "<code>001</code><seats>" +
          "<seat><code>A</code><rowNum>1</rowNum><colNum>1</colNum><xCoord>1</xCoord><yCoord>1</yCoord><type>2</type><status>1</status><loveCode>A</loveCode></seat>" +
          "<seat><code>B</code><rowNum>1</rowNum><colNum>2</colNum><xCoord>2</xCoord><yCoord>1</yCoord><type>2</type><status>1</status><loveCode>A</loveCode></seat>" +
          "<seat><code>C</code><rowNum>1</rowNum><colNum>3</colNum><xCoord>3</xCoord><yCoord>1</yCoord><type>1</type><status>0</status><loveCode/></seat>" +
          "</seats>",
      ),
    );
    const layout = await connect().getSeatLayout(cinema, "03");
    expect(layout.ok && layout.value.seats).toMatchObject([
      { vendorSeatId: "A", kind: "loveLeft", pairSeatId: "B" },
      { vendorSeatId: "B", kind: "loveRight", pairSeatId: "A" },
      { vendorSeatId: "C", kind: "normal", broken: true },
    ]);
  });

  it("queryOrder's statuses: 1 not_submitted, 2/5 failed, 3 pending, 4 issued with codes, 6 refunded, 220 not_found", async () => {
    const c = connect();
    const expectState = async (answer: string, state: string) => {
      server.on("/ngc/queryOrder.xml", reply(answer));
      const q = await c.queryOrder(ref);
      expect(q.ok && q.value.state).toBe(state);
      return q;
    };
    const order = (s: string) =>
      `<code>001</code><order><code>O1</code><status>${s}</status><printCode>1234567890</printCode><verifyCode>654321</verifyCode><printStatus>0</printStatus></order>`;
    await expectState(order("1"), "not_submitted");
    await expectState(order("2"), "failed");
    await expectState(order("3"), "pending");
    const issued = await expectState(order("4"), "issued");
    expect(issued.ok && issued.value.state === "issued" && issued.value.pickup).toEqual({
      printCode: "1234567890",
      verifyCode: "654321",
    });
    await expectState(order("5"), "failed");
    await expectState(order("6"), "refunded");
    await expectState(order("8"), "pending");
    await expectState("<code>220</code><msg>订单不存在。</msg>", "not_found");
  });

  it("a refused refund past the window is refund_refused with the vendor's text", async () => {
    server.on(
      "/ngc/queryOrder.xml",
      reply("<code>001</code><order><code>O1</code><status>4</status><printCode>1</printCode></order>"),
    );
    server.on("/ngc/revokeTicket.xml", reply("<code>250</code><msg>已过退票时间。</msg>"));
    const res = await connect().refund!(ref, "buyer");
    expect(!res.ok && res.error).toMatchObject({ code: "refund_refused", vendorCode: "250" });
  });
});
