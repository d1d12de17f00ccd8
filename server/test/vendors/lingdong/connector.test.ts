import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { resultCodes, standardCode } from "../../../src/vendors/lingdong/codes.js";
import { parseEnvelope } from "../../../src/vendors/lingdong/envelope.js";
import { lingdongHashcode } from "../../../src/vendors/lingdong/hashcode.js";
import { createLingdongConnector } from "../../../src/vendors/lingdong/index.js";
import { lingdongTimestamp, REQ_ID, readReqId, sideEffectReqId } from "../../../src/vendors/lingdong/request-id.js";
import type { VoucherConnector } from "../../../src/vendors/vouchers.js";
import { CannedServer } from "../moviefan/canned-server.js";

const credentials = { partnerId: "CS000001", secId: "test", busId: "0102", md5Key: "lingdong-unit-key" };
const now = parseChinaLocal("2012-12-25 02:02:02");
const clock = { now: () => now };

/** doc 004 获取支持的城市信息: the XML and JSON examples, "..." removed. */
const citiesXml = `<?xml version="1.0" encoding="UTF-8"?>
<response>
    <code>200</code>
    <data>
    <cities>
        <item>
            <code_id>001</code_id>
            <parent_id>0</parent_id>
            <code_name>北京</code_name>
            <remark>bj</remark>
        </item>
        <item>
            <code_id>002</code_id>
            <parent_id>0</parent_id>
            <code_name>武汉</code_name>
            <remark>wh</remark>
        </item>
    </cities>
    </data>
</response>`;
const citiesJson = `{"code":200,"data":
   {"cities":[
      {"code_id":"001","parent_id":"0","code_name":"\\u5317\\u4eac","remark":"bj"},{"code_id":"002","parent_id":"0","code_name":"\\u6b66\\u6c49","remark":"wh"}
   ]}
}`;
const cities = [
  { cityId: "001", parentId: "0", name: "北京", abbreviation: "bj" },
  { cityId: "002", parentId: "0", name: "武汉", abbreviation: "wh" },
];
const card = (status: string, extra = "") =>
  `<?xml version="1.0" encoding="UTF-8"?><response><code>${status === "0" ? 201 : 200}</code><data><card>
  <card_no>8800000000000001</card_no><status>${status}</status><status_name>x</status_name><kind_id></kind_id>
  <cinema_id>44010101</cinema_id><num>2</num><used_num>0</used_num><price>35.00</price><total_price>70.00</total_price>
  <mobile>13812345678</mobile><create_time>2012-12-25 02:02:02</create_time><active_time>${extra}</active_time>
  <expire_time></expire_time><ban_time></ban_time></card></data></response>`;

let server: CannedServer;
let recorder: RingCallRecorder;
let ld: VoucherConnector;
const path = (call: string) => `/movTicket/${call}`;

beforeAll(async () => {
  server = await new CannedServer().start();
  server.on(path("cities"), { body: citiesXml, contentType: "text/xml" });
});
beforeEach(() => {
  recorder = new RingCallRecorder(100);
  ld = createLingdongConnector({ baseUrl: server.url, accountId: "ld1", credentials, clock, recorder, timeoutMs: 500 });
});
afterAll(() => server.close());

describe("Lingdong signing and request ids (doc 004 平台接口参数说明)", () => {
  it("hashcode = md5(partner_id + bus_id + req_id + timestamp + md5key), lowercase hex", () => {
    const p = { partner_id: "CS000001", bus_id: "0102", req_id: "2012010100000001", timestamp: "20121225020202" };
    // python3: hashlib.md5(("CS000001"+"0102"+"2012010100000001"+"20121225020202"+"lingdong-unit-key").encode()).hexdigest()
    expect(lingdongHashcode(p, "lingdong-unit-key")).toBe("ade4ec060fda353993ce2347085a0c35");
  });

  it("timestamp is YmdHis in China time (the table's 14-digit example)", () => {
    expect(lingdongTimestamp(now)).toBe("20121225020202");
    expect(lingdongTimestamp(Date.UTC(2012, 11, 31, 16, 0, 0))).toBe("20130101000000");
  });

  it("req_id: under 20 letters/digits; the same for one attempt of one call, new for another attempt", () => {
    const a = sideEffectReqId("buyByCinema", "ord_2026_very_long_order_identifier_001", 1);
    expect(a).toMatch(REQ_ID);
    expect(a.length).toBeLessThan(20);
    expect(sideEffectReqId("buyByCinema", "ord_2026_very_long_order_identifier_001", 1)).toBe(a);
    expect(sideEffectReqId("buyByCinema", "ord_2026_very_long_order_identifier_001", 2)).not.toBe(a);
    expect(sideEffectReqId("payByCard", "ord_2026_very_long_order_identifier_001", 1)).not.toBe(a);
    const reads = new Set(Array.from({ length: 1000 }, readReqId));
    expect(reads.size).toBe(1000);
    for (const r of reads) expect(r).toMatch(REQ_ID);
  });

  it("POSTs a form: common parameters in order, format, the call's own, hashcode last", async () => {
    await ld.listRegions("001");
    const req = server.last(path("regionsByCity"));
    expect(req.method).toBe("POST");
    expect(req.contentType).toMatch(/application\/x-www-form-urlencoded/);
    const keys = [...new URLSearchParams(req.rawBody).keys()];
    expect(keys).toEqual([
      "partner_id",
      "sec_id",
      "bus_id",
      "req_id",
      "ver",
      "timestamp",
      "format",
      "city_id",
      "hashcode",
    ]);
    const p = req.params;
    expect(p).toMatchObject({
      partner_id: "CS000001",
      sec_id: "test",
      bus_id: "0102",
      ver: "1000",
      timestamp: "20121225020202",
      format: "xml",
      city_id: "001",
    });
    expect(p.req_id).toMatch(REQ_ID);
    expect(p.hashcode).toBe(lingdongHashcode(p as never, credentials.md5Key));
  });
});

describe("Lingdong answers (XML and JSON)", () => {
  it("reads the cities example in XML", async () => {
    expect(await ld.listCities()).toEqual({ ok: true, value: cities });
  });

  it("reads the cities example in JSON (\\u escapes)", async () => {
    server.on(path("cities"), { body: citiesJson });
    try {
      const json = createLingdongConnector({
        baseUrl: server.url,
        accountId: "ld1",
        credentials,
        clock,
        recorder,
        format: "json",
      });
      expect(await json.listCities()).toEqual({ ok: true, value: cities });
      expect(server.last(path("cities")).params.format).toBe("json");
    } finally {
      server.on(path("cities"), { body: citiesXml, contentType: "text/xml" });
    }
  });

  it("reads a one-item XML list as a list", () => {
    const env = parseEnvelope(
      "<response><code>200</code><data><kinds><item><kind_id>101</kind_id></item></kinds></data></response>",
    );
    expect(env.data).toEqual({ kinds: [{ kind_id: "101" }] });
  });

  it("reads both documented error shapes", () => {
    const xml = parseEnvelope(
      `<?xml version="1.0" encoding="UTF-8"?><response><code>401</code><error><message>没有权限</message><type>auth</type></error></response>`,
    );
    const json = parseEnvelope(`{"code":401,"error":{"message":"没有权限","type":"auth"}}`);
    for (const e of [xml, json])
      expect(e).toEqual({ code: 401, data: {}, error: { message: "没有权限", type: "auth" } });
  });

  it("maps every code of 错误码介绍; every 2xx succeeds", () => {
    const doc = [200, 201, 202, 204, 302, 304, 400, 401, 403, 404, 405, 406, 410, 500, 503, 504];
    expect(
      Object.keys(resultCodes)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(doc);
    for (const c of [200, 201, 202, 204]) expect(standardCode(c)).toBe("ok");
    expect(standardCode(401)).toBe("auth_failed");
    expect(standardCode(504)).toBe("outcome_unknown");
    expect(standardCode(299)).toBe("ok");
  });

  it("maps error answers with the vendor's code and message", async () => {
    server.on(path("kinds"), { body: `{"code":403,"error":{"message":"禁止访问","type":"forbidden"}}` });
    const res = await ld.listKinds();
    expect(!res.ok && res.error).toMatchObject({
      code: "config_error",
      vendorCode: "403",
      message: "禁止访问 (forbidden)",
    });
  });

  it("buyByCinema: 201 with an inactive card; prices from yuan to fen", async () => {
    server.on(path("buyByCinema"), { body: card("0"), contentType: "text/xml" });
    const res = await ld.buyByCinema({ orderId: "v1", vendorCinemaId: "44010101", count: 2, mobile: "13812345678" });
    expect(res).toEqual({
      ok: true,
      value: {
        cardNo: "8800000000000001",
        status: "inactive",
        vendorStatus: "0",
        kindId: undefined,
        vendorCinemaId: "44010101",
        count: 2,
        usedCount: 0,
        unitPriceFen: 3500,
        totalFen: 7000,
        createdAt: now,
        activatedAt: undefined,
        expiresAt: undefined,
        bannedAt: undefined,
      },
    });
    const p = server.last(path("buyByCinema")).params;
    expect(p).toMatchObject({ cinema_id: "44010101", num: "2", mobile: "13812345678" });
    expect(p.req_id).toBe(sideEffectReqId("buyByCinema", "v1", 1));
  });

  it("refuses a bad count or mobile without calling", async () => {
    const before = server.seen.length;
    const many = await ld.buyByKind({ orderId: "v2", kindId: "101", count: 11, mobile: "13812345678" });
    expect(!many.ok && many.error.code).toBe("invalid_request");
    const mobile = await ld.buyByKind({ orderId: "v2", kindId: "101", count: 1, mobile: "12345" });
    expect(!mobile.ok && mobile.error.code).toBe("invalid_request");
    expect(server.seen.length).toBe(before);
  });

  it("activate whose answer is lost is settled by status", async () => {
    server.on(path("payByCard"), "hang");
    server.on(path("status"), { body: card("1", "2012-12-25 02:03:00"), contentType: "text/xml" });
    const res = await ld.activate({ cardNo: "8800000000000001", orderId: "v1" });
    expect(res.ok && res.value.status).toBe("active");
    expect(res.ok && res.value.activatedAt).toBe(now + 58_000);
  });

  it("activate answered 202 (asynchronous) is settled by status: active, or still outcome_unknown", async () => {
    server.on(path("payByCard"), { body: `{"code":202,"data":{}}` });
    server.on(path("status"), { body: card("1", "2012-12-25 02:03:00"), contentType: "text/xml" });
    const done = await ld.activate({ cardNo: "8800000000000001", orderId: "v5" });
    expect(done.ok && done.value.status).toBe("active");
    server.on(path("status"), { body: card("0"), contentType: "text/xml" });
    const later = await ld.activate({ cardNo: "8800000000000001", orderId: "v6" });
    expect(!later.ok && later.error).toMatchObject({ code: "outcome_unknown", vendorCode: "202" });
  });

  it("status 204 is not_found", async () => {
    server.on(path("status"), { body: `{"code":204,"data":{}}` });
    const res = await ld.status("1");
    expect(!res.ok && res.error.code).toBe("not_found");
  });

  it("records calls without the md5 key and with the mobile masked", async () => {
    server.on(path("buyByCinema"), { body: card("0"), contentType: "text/xml" });
    await ld.buyByCinema({ orderId: "v9", vendorCinemaId: "44010101", count: 2, mobile: "13812345678" });
    await ld.listCities();
    const calls = recorder.recent();
    expect(calls.map((c) => [c.call, c.outcome, c.vendorCode])).toEqual([
      ["lingdong.cities", "ok", "200"],
      ["lingdong.buyByCinema", "ok", "201"],
    ]);
    for (const c of calls) {
      expect(c.request + c.response).not.toContain(credentials.md5Key);
      expect(c.request + c.response).not.toContain("13812345678");
    }
  });
});
