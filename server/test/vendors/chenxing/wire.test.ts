import { XMLParser } from "fast-xml-parser";
import iconv from "iconv-lite";
import { beforeEach, describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import type { ConfirmRequest, LockRequest } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { type ChenxingConnector, createChenxingConnector } from "../../../src/vendors/chenxing/index.js";
import { useRawServer } from "../../support/raw-answer-server.js";
import { soapAnswer } from "./soap-answer.js";

// public-refs §3.2's worked example account.
const credentials = { appCode: "DEMOAPP", verifyKey: "e10adc3949ba59abbe56e057f20f883e" };
const now = parseChinaLocal("2024-05-01 10:00:00");
const clock = { now: () => now };
const cinema = { vendorCinemaId: "62549174" };

const server = useRawServer();
let recorder: RingCallRecorder;
let cx: ChenxingConnector;

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

beforeEach(() => {
  recorder = new RingCallRecorder(100);
  cx = createChenxingConnector({
    baseUrl: server.url,
    accountId: "cx-wire",
    credentials,
    clock,
    recorder,
    timeoutMs: 800,
  });
});

const showtime = {
  vendorShowtimeId: "0001202405010001",
  vendorHallId: "6254917401",
  startsAt: parseChinaLocal("2024-05-01 20:00:00"),
  stopSellingAt: parseChinaLocal("2024-05-01 19:45:00"),
};
const lockReq: LockRequest = {
  cinema,
  showtime,
  seats: ["01020304", "01020305"].map((id) => ({
    vendorSeatId: id,
    rowLabel: "2",
    colLabel: id.slice(-1),
    settleFen: 3500,
    serviceFeeFen: 0,
  })),
  mobile: "13800138000",
  orderId: "ord_wire1",
};

describe("辰星 requests on the wire", () => {
  it('QueryPlanInfoByDatePeriod: SOAP 1.1, SOAPAction "", unqualified pXxx, and the worked example\'s pVerifyInfo', async () => {
    server.answerWith({
      body: soapAnswer("QueryPlanInfoByDatePeriod", "<ResultCode>0</ResultCode><Message>成功</Message>"),
    });
    // Business days 05-01 … 05-02 are natural days 05-01 … 05-03 (shows after midnight).
    const res = await cx.listShowtimes({ cinema, fromDate: "2024-05-01", toDate: "2024-05-02" });
    expect(res).toEqual({ ok: true, value: [] });
    const req = server.seen.at(-1)!;
    expect(req.headers.soapaction).toBe('""');
    expect(req.headers["content-type"]).toContain("text/xml");
    const env = parser.parse(req.body)["soapenv:Envelope"];
    expect(env["@_xmlns:tsp"]).toBe("http://soap.ws.tsp.oristartech.com/");
    const op = env["soapenv:Body"]["tsp:QueryPlanInfoByDatePeriod"];
    expect(op).toEqual({
      pAppCode: "DEMOAPP",
      pCinemaCode: "62549174",
      pPlanStartDate: "2024-05-01",
      pPlanEndDate: "2024-05-03",
      pCompress: "0",
      pVerifyInfo: "2af90e69c4dc99cecbe88d84d94b79bc",
    });
    // Element order is the declared order.
    expect(Object.keys(op)).toEqual([
      "pAppCode",
      "pCinemaCode",
      "pPlanStartDate",
      "pPlanEndDate",
      "pCompress",
      "pVerifyInfo",
    ]);
  });

  it("LockSeat: one lockSeatXml parameter holding LockSeatParameter, signed as the worked example", async () => {
    server.answerWith({
      body: soapAnswer(
        "LockSeat",
        "<ResultCode>0</ResultCode><Message>成功</Message><OrderCode>2024050100000001</OrderCode>" +
          "<AutoUnlockDatetime>2024-05-01 10:15:00</AutoUnlockDatetime><LockLength>20</LockLength>" +
          "<FeatureAppNo>0001202405010001</FeatureAppNo><SeatInfos><SeatInfo><SeatCode>01020304</SeatCode></SeatInfo></SeatInfos>",
      ),
    });
    const res = await cx.lock(lockReq);
    expect(res.ok).toBe(true);
    // AutoUnlockDatetime (15 min) is earlier than LockLength (20 min): the earlier wins.
    if (res.ok) expect(res.value.lockedUntil).toBe(parseChinaLocal("2024-05-01 10:15:00"));
    const env = parser.parse(server.seen.at(-1)!.body)["soapenv:Envelope"];
    const xml = env["soapenv:Body"]["tsp:LockSeat"].lockSeatXml as string;
    const doc = parser.parse(xml).LockSeatParameter;
    expect(Object.keys(doc)).toEqual(["AppCode", "CinemaCode", "FeatureAppNo", "SeatInfos", "Compress", "VerifyInfo"]);
    expect(doc.SeatInfos.SeatInfo).toEqual([{ SeatCode: "01020304" }, { SeatCode: "01020305" }]);
    expect(doc.VerifyInfo).toBe("be2df6eea927b55b2b2508248358c51d");
  });

  it("SubmitOrder: the mobile is sent but never recorded in full", async () => {
    server.answerWith({
      body: soapAnswer(
        "SubmitOrder",
        "<ResultCode>0</ResultCode><Message>成功</Message><OrderCode>2024050100000001</OrderCode><PrintNo>2024050112345678</PrintNo><VerifyCode>654321</VerifyCode>",
      ),
    });
    const req: ConfirmRequest = { ...lockReq, vendorLockId: "2024050100000001", totalFen: 7000, attempt: 1 };
    const res = await cx.confirm(req);
    expect(res.ok && res.value.state).toBe("issued");
    if (res.ok && res.value.state === "issued") {
      expect(res.value.pickup).toMatchObject({ printCode: "2024050112345678", verifyCode: "654321" });
      expect(res.value.pickup.instructions).toContain("12345678");
    }
    expect(server.seen.at(-1)!.body).toContain("13800138000");
    const recorded = recorder
      .recent(() => true, 10)
      .map((c) => c.request)
      .join("\n");
    expect(recorded).not.toContain("13800138000");
    expect(recorded).not.toContain(credentials.verifyKey);
  });
});

describe("辰星 bad answers", () => {
  it("an HTML error page (200 or 502) is vendor_unavailable, not a crash", async () => {
    server.answerWith({
      contentType: "text/html",
      body: "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
    });
    const a = await cx.ping();
    expect(a.ok).toBe(false);
    if (!a.ok) {
      expect(a.error.code).toBe("vendor_unavailable");
      expect(a.error.message).toContain("HTML");
    }
    server.answerWith({ status: 502, contentType: "text/html", body: "<html><body>502</body></html>" });
    const b = await cx.ping();
    expect(!b.ok && b.error.code).toBe("vendor_unavailable");
  });

  it("malformed SOAP, a missing Result root and a broken return document are vendor_unavailable", async () => {
    for (const body of [
      "<soap:Envelope><soap:Body><ns2:QueryCinemaListResponse>",
      "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body><Other/></soap:Body></soap:Envelope>",
      soapAnswer("QueryCinemaList", "<ResultCode>0</ResultCode><Cinemas><Cinema>").replace(
        "QueryCinemaListResult>",
        "X>",
      ),
      "not xml at all",
      "",
    ]) {
      server.answerWith({ body });
      const res = await cx.ping();
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe("vendor_unavailable");
    }
  });

  it("a SOAP fault is vendor_unavailable with the fault text", async () => {
    server.answerWith({
      body: "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Unmarshalling Error</faultstring></soap:Fault></soap:Body></soap:Envelope>",
    });
    const res = await cx.ping();
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "soap_fault" });
      expect(res.error.message).toContain("Unmarshalling Error");
    }
  });

  it("an unreadable SubmitOrder answer is outcome_unknown (the sale may have happened)", async () => {
    server.answerWith({ contentType: "text/html", body: "<html><body>proxy error</body></html>" });
    const res = await cx.confirm({ ...lockReq, vendorLockId: "2024050100000001", totalFen: 7000, attempt: 1 });
    expect(!res.ok && res.error.code).toBe("outcome_unknown");
  });

  it("a GBK body (Content-Type charset) is decoded: wrong key → auth_failed with the vendor's text", async () => {
    const body = iconv.encode(
      soapAnswer("QueryCinemaList", "<ResultCode>100101</ResultCode><Message>验证信息错误</Message>", "GBK"),
      "gbk",
    );
    server.answerWith({ contentType: "text/xml; charset=GBK", body });
    const res = await cx.ping();
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect(res.error).toMatchObject({ code: "auth_failed", vendorCode: "100101", message: "验证信息错误" });
  });

  it("a GB2312 body declared only in the XML declaration is decoded too", async () => {
    const body = iconv.encode(
      soapAnswer(
        "QueryCinemaList",
        "<ResultCode>0</ResultCode><Cinemas><Cinema><CinemaCode>62549174</CinemaCode><CinemaName>星光影城</CinemaName></Cinema></Cinemas>",
        "GB2312",
      ),
      "gb2312",
    );
    server.answerWith({ contentType: "text/xml", body });
    const res = await cx.listCinemas!();
    expect(res).toEqual({
      ok: true,
      value: [{ vendorCinemaId: "62549174", nationalCode: "62549174", name: "星光影城" }],
    });
  });

  it("the gateway wrapper's inner codes: 10208 → seat_unavailable, 10252 → price_rejected", async () => {
    server.answerWith({
      body: soapAnswer(
        "LockSeat",
        "<ResultCode>100302</ResultCode><Message>网络代售系统异常: 锁座失败(错误码：10208)</Message>",
      ),
    });
    const lock = await cx.lock(lockReq);
    expect(lock.ok).toBe(false);
    if (!lock.ok) expect(lock.error).toMatchObject({ code: "seat_unavailable", vendorCode: "100302/10208" });
    server.answerWith({
      body: soapAnswer(
        "SubmitOrder",
        "<ResultCode>100302</ResultCode><Message>网络代售系统异常: 传入数据中票价不符合要求（标准价35.00，服务费2.00）(错误码：10252)</Message>",
      ),
    });
    const confirm = await cx.confirm({ ...lockReq, vendorLockId: "2024050100000001", totalFen: 7000, attempt: 1 });
    expect(!confirm.ok && confirm.error.code).toBe("price_rejected");
  });

  it("an unknown code with unknown text is the safe default, with the raw code and text kept", async () => {
    server.answerWith({
      body: soapAnswer("QueryCinemaList", "<ResultCode>777</ResultCode><Message>未知情况X</Message>"),
    });
    const res = await cx.ping();
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect(res.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "777", message: "未知情况X" });
    const rec = recorder.recent(() => true, 1)[0]!;
    expect(rec.vendorCode).toBe("777");
    expect(rec.response).toContain("未知情况X");
  });
});
