import iconv from "iconv-lite";
import { beforeEach, describe, expect, it } from "vitest";
import { escapeXml } from "../../../../simulators/src/core/xml-text.js";
import { parseChinaLocal } from "../../../src/domain/time.js";
import type { ConfirmRequest, LockRequest } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { STANDARD_OPS } from "../../../src/vendors/huolieniao/extensions.js";
import { createHuolieniaoConnector, type HuolieniaoConnector } from "../../../src/vendors/huolieniao/index.js";
import { passwordMd5 } from "../../../src/vendors/huolieniao/signing.js";
import { parseDocument } from "../../../src/vendors/huolieniao/standard.js";
import { useRawServer } from "../../support/raw-answer-server.js";

const credentials = { username: "cinegate", password: "wire-password" };
const now = parseChinaLocal("2026-12-03 10:00:00");
const clock = { now: () => now };
const cinema = { vendorCinemaId: "35012401" };

const server = useRawServer();
let recorder: RingCallRecorder;
let hln: HuolieniaoConnector;

/** An answer as public-refs §6.1 describes it: the reply document escaped in `msg` of a SOAP 1.2 body. */
function otsAnswer(op: string, replyAttrs: string, inner = "", encoding = "UTF-8"): string {
  const doc = `<OnlineTicketingServiceReply Version="1.0" Datetime="2026-12-03T10:00:00"><${op}Reply Id="ID_${op}Reply" ${replyAttrs}>${inner}</${op}Reply></OnlineTicketingServiceReply>`;
  return (
    `<?xml version="1.0" encoding="${encoding}"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>` +
    `<m:queryResponse xmlns:m="http://www.crifst.ac.cn/2013/OTSAPI"><m:msg>${escapeXml(doc)}</m:msg></m:queryResponse></soap:Body></soap:Envelope>`
  );
}
const success = 'Status="Success" ErrorCode="" ErrorMessage=""';

beforeEach(() => {
  recorder = new RingCallRecorder(100);
  hln = createHuolieniaoConnector({
    baseUrl: server.url,
    accountId: "hln-wire",
    credentials,
    clock,
    recorder,
    timeoutMs: 800,
  });
});

const showtime = {
  vendorShowtimeId: "01202612031930",
  vendorHallId: "3501240101",
  startsAt: parseChinaLocal("2026-12-03 19:30:00"),
  stopSellingAt: parseChinaLocal("2026-12-03 19:15:00"),
  vendorFilmId: "001101852026",
  onSale: true,
  price: {},
};
const lockReq: LockRequest = {
  cinema,
  showtime,
  seats: ["3501240101005007", "3501240101005008"].map((id) => ({
    vendorSeatId: id,
    rowLabel: "5",
    colLabel: id.slice(-1),
    settleFen: 3500,
    serviceFeeFen: 0,
  })),
  mobile: "13800138000",
  orderId: "ord_wire1",
};
const confirmReq: ConfirmRequest = {
  ...lockReq,
  vendorLockId: "2026120300000001",
  lockVendorData: {
    orderCode: "2026120300000001",
    sessionCode: showtime.vendorShowtimeId,
    seatCodes: ["3501240101005007", "3501240101005008"],
  },
  totalFen: 7000,
  attempt: 1,
};

/** The query document a request carried in `msg`. */
function sentQuery(body: string) {
  const msg = /<m:msg>([\s\S]*)<\/m:msg>/.exec(body)?.[1] ?? "";
  const text = msg.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return parseDocument(text, "sent").OnlineTicketingServiceQuery as Record<string, unknown>;
}

describe("火烈鸟 1.5 requests on the wire", () => {
  it("DQuerySession: SOAP 1.2, Username and md5 Password, the operation's attributes, a signature over #ID_DQuerySession", async () => {
    server.answerWith({ body: otsAnswer("DQuerySession", success, '<Sessions CinemaCode="35012401"/>') });
    const res = await hln.listShowtimes({ cinema, fromDate: "2026-12-03", toDate: "2026-12-03" });
    expect(res).toEqual({ ok: true, value: [] });
    const seen = server.seen.at(-1)!;
    expect(seen.headers["content-type"]).toContain("application/soap+xml");
    const q = sentQuery(seen.body);
    expect(q).toMatchObject({ Version: "1.0", Datetime: "2026-12-03T10:00:00", Username: "cinegate" });
    expect(q.Password).toBe(passwordMd5("wire-password"));
    // Business day 12-03 is natural days 12-03 … 12-04 (shows after midnight).
    expect(q.DQuerySession).toMatchObject({
      CinemaCode: "35012401",
      StartDate: "2026-12-03",
      EndDate: "2026-12-04",
      Id: "ID_DQuerySession",
    });
    expect(seen.body).toContain('ds:Reference URI="#ID_DQuerySession"');
    // The recording keeps neither the password nor its md5.
    const rec = recorder.recent(() => true, 10).at(-1)!;
    expect(rec.request).not.toContain("wire-password");
    expect(rec.request).not.toContain(passwordMd5("wire-password"));
  });

  it("a plain national-standard server is spoken to with the standard names (QuerySession)", async () => {
    const std = createHuolieniaoConnector({
      baseUrl: server.url,
      accountId: "std",
      credentials,
      clock,
      recorder,
      ops: STANDARD_OPS,
    });
    server.answerWith({ body: otsAnswer("QuerySession", success, '<Sessions CinemaCode="35012401"/>') });
    expect((await std.listShowtimes({ cinema, fromDate: "2026-12-03", toDate: "2026-12-03" })).ok).toBe(true);
    expect(sentQuery(server.seen.at(-1)!.body).QuerySession).toBeTruthy();
  });

  it("LockSeat sends Order{SessionCode, Count, Seat@SeatCode} and reads OrderCode and AutoUnlockDatetime", async () => {
    server.answerWith({
      body: otsAnswer(
        "LockSeat",
        success,
        '<Order OrderCode="2026120300000001" AutoUnlockDatetime="2026-12-03 11:00:00" SessionCode="01202612031930" Count="2"><Seat SeatCode="3501240101005007"/><Seat SeatCode="3501240101005008"/></Order>',
      ),
    });
    const res = await hln.lock(lockReq);
    expect(res.ok && res.value.vendorLockId).toBe("2026120300000001");
    expect(res.ok && res.value.lockedUntil).toBe(parseChinaLocal("2026-12-03 11:00:00"));
    const order = (sentQuery(server.seen.at(-1)!.body).LockSeat as Record<string, unknown>).Order;
    expect(order).toEqual({
      SessionCode: "01202612031930",
      Count: "2",
      Seat: [{ SeatCode: "3501240101005007" }, { SeatCode: "3501240101005008" }],
    });
  });

  it("SubmitSCTSOrder carries ChannelId/ChannelName and Price/PayPrice per seat, and reads PrintNo + VerifyCode", async () => {
    server.answerWith({
      body: otsAnswer(
        "SubmitSCTSOrder",
        success,
        '<Order Count="2" OrderCode="2026120300000001" PrintNo="2026120312345678" SessionCode="01202612031930" VerifyCode="654321"><Seat FilmTicketCode="1111" SeatCode="3501240101005007"/><Seat FilmTicketCode="2222" SeatCode="3501240101005008"/></Order>',
      ),
    });
    const res = await hln.confirm(confirmReq);
    expect(res.ok && res.value).toMatchObject({
      state: "issued",
      vendorOrderId: "2026120300000001",
      pickup: { printCode: "2026120312345678", verifyCode: "654321" },
      tickets: [
        { vendorSeatId: "3501240101005007", ticketNo: "1111" },
        { vendorSeatId: "3501240101005008", ticketNo: "2222" },
      ],
    });
    const order = (sentQuery(server.seen.at(-1)!.body).SubmitSCTSOrder as Record<string, unknown>).Order as Record<
      string,
      unknown
    >;
    expect(order).toMatchObject({
      OrderCode: "2026120300000001",
      ChannelId: "cinegate",
      ChannelName: "Cinegate",
      Count: "2",
    });
    expect(order.Seat).toEqual([
      { SeatCode: "3501240101005007", Price: "35.00", PayPrice: "35.00" },
      { SeatCode: "3501240101005008", Price: "35.00", PayPrice: "35.00" },
    ]);
  });
});

describe("火烈鸟 1.5 bad answers", () => {
  it("a refused login is auth_failed with the vendor's own text", async () => {
    server.answerWith({
      body: otsAnswer("QueryFilm", 'Status="Failure" ErrorCode="1001" ErrorMessage="用户名或密码错误"'),
    });
    const res = await hln.ping();
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect(res.error).toMatchObject({ code: "auth_failed", vendorCode: "1001", message: "用户名或密码错误" });
  });

  it("an unknown failure code is vendor_unavailable with the raw code and text", async () => {
    server.answerWith({ body: otsAnswer("QueryCinema", 'Status="Failure" ErrorCode="777" ErrorMessage="奇怪的错误"') });
    const res = await hln.getCinema(cinema);
    expect(!res.ok && res.error).toMatchObject({
      code: "vendor_unavailable",
      vendorCode: "777",
      message: "奇怪的错误",
    });
  });

  it("an HTML error page or broken XML is vendor_unavailable on a read, outcome_unknown on a sale — never a crash", async () => {
    server.answerWith({
      status: 502,
      contentType: "text/html",
      body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
    });
    const read = await hln.getCinema(cinema);
    expect(!read.ok && read.error.code).toBe("vendor_unavailable");
    server.answerWith({ body: "<soap:Envelope><soap:Body><m:queryResponse><m:msg>&lt;OnlineTicketingServiceReply" });
    const broken = await hln.getSeatStatus(cinema, showtime);
    expect(!broken.ok && broken.error.code).toBe("vendor_unavailable");
    server.answerWith({ body: "<html><body>Service Unavailable</body></html>", contentType: "text/html" });
    const sale = await hln.confirm(confirmReq);
    expect(!sale.ok && sale.error.code).toBe("outcome_unknown");
  });

  it("a SOAP 1.2 fault is vendor_unavailable, with HTTP 500 as servers send it or 200", async () => {
    const fault =
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code><soap:Reason><soap:Text>NullPointerException</soap:Text></soap:Reason></soap:Fault></soap:Body></soap:Envelope>';
    server.answerWith({ status: 500, contentType: "application/soap+xml", body: fault });
    const at500 = await hln.getCinema(cinema);
    expect(!at500.ok && at500.error.code).toBe("vendor_unavailable");
    server.answerWith({ status: 200, contentType: "application/soap+xml", body: fault });
    const at200 = await hln.getCinema(cinema);
    expect(!at200.ok && at200.error).toMatchObject({
      code: "vendor_unavailable",
      vendorCode: "soap_fault",
      message: "SOAP fault soap:Receiver: NullPointerException",
    });
  });

  it("a GBK answer is decoded, and film names sent as numeric character references are read", async () => {
    const body = otsAnswer(
      "QueryCinema",
      success,
      '<Cinema Code="35012401" Name="火烈鸟影城" Address="福州市鼓楼区" ScreenCount="1"><Screen><Code>3501240101</Code><Name>&#x0031;号厅</Name><SeatCount>120</SeatCount><Type>普通</Type></Screen></Cinema>',
      "GBK",
    );
    server.answerWith({ contentType: "application/soap+xml; charset=GBK", body: iconv.encode(body, "gbk") });
    const res = await hln.getCinema(cinema);
    expect(res.ok && res.value).toMatchObject({
      vendorCinemaId: "35012401",
      nationalCode: "35012401",
      name: "火烈鸟影城",
      halls: [{ vendorHallId: "3501240101", name: "1号厅", seatCount: 120 }],
    });
  });

  it("a refund refused by text is refund_refused; Status No is refused too", async () => {
    const issued =
      '<Order OrderCode="2026120300000001"><PrintNo>2026120312345678</PrintNo><VerifyCode>654321</VerifyCode><Seats><Seat><SeatCode>3501240101005007</SeatCode><RefundStatus>No</RefundStatus><PrintStatus>No</PrintStatus></Seat></Seats></Order>';
    const ref = { ...confirmReq, vendorOrderId: "2026120300000001" };
    server.answerWith((req) =>
      req.body.includes("QueryOrder")
        ? { body: otsAnswer("QueryOrder", success, issued) }
        : { body: otsAnswer("RefundTicket", 'Status="Failure" ErrorCode="88" ErrorMessage="影票已取票，不能退票"') },
    );
    const refused = await hln.refund(ref, "buyer");
    expect(!refused.ok && refused.error).toMatchObject({ code: "refund_refused", message: "影票已取票，不能退票" });
    server.answerWith((req) =>
      req.body.includes("QueryOrder")
        ? { body: otsAnswer("QueryOrder", success, issued) }
        : {
            body: otsAnswer("RefundTicket", success, '<Order OrderCode="2026120300000001"><Status>No</Status></Order>'),
          },
    );
    const no = await hln.refund(ref, "buyer");
    expect(!no.ok && no.error.code).toBe("refund_refused");
    // The verify code is masked in the recorded RefundTicket call.
    const rec = recorder.recent((c) => c.call === "huolieniao.RefundTicket", 10).at(-1)!;
    expect(rec.request).not.toContain("654321");
  });
});
