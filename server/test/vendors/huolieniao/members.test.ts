import { describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createHuolieniaoConnector } from "../../../src/vendors/huolieniao/index.js";
import { memberEncrypt, memberSign } from "../../../src/vendors/huolieniao/member-signing.js";
import { useRawServer } from "../../support/raw-answer-server.js";

/** The v1.5 member-card API (public-refs §6.4) on the wire, against a canned loopback server. */
const clock = { now: () => parseChinaLocal("2024-05-01 10:00:00") };
const server = useRawServer();
const recorder = new RingCallRecorder(50);
const connect = (memberKey?: string) =>
  createHuolieniaoConnector({
    baseUrl: `${server.url}/scts.service/webservice/query`,
    accountId: "hln-members",
    credentials: { username: "01010071", password: "ticket-password", ...(memberKey ? { memberKey } : {}) },
    clock,
    recorder,
    timeoutMs: 800,
  });

describe("火烈鸟 1.5 member-card API (connector level)", () => {
  it("queryCardInfo.json: form POST at …/webservice/pay, the card password encrypted, the §6.4 worked example's sign", async () => {
    server.answerWith({
      contentType: "application/json",
      body: '{"resultCode":"000","msg":"成功","balance":"100.00"}',
    });
    const res = await connect("demoChannelKey").cards.cardInfo("800001", "123456");
    expect(res).toEqual({ ok: true, value: { resultCode: "000", msg: "成功", balance: "100.00" } });
    const seen = server.seen.at(-1)!;
    expect(seen.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    const form = Object.fromEntries(new URLSearchParams(seen.body));
    // The same parameters as public-refs §6.4's worked example, so the same sign.
    expect(form).toEqual({
      cardCode: "800001",
      password: "003E7220ECB1BC31C5A391E0E51DA50E",
      channelCode: "01010071",
      requestDate: "2024-05-01 10:00:00",
      sign: "f7b80a3b1fcc03ae8594e89fa66f6f4c",
    });
    const rec = recorder.recent((c) => c.call === "huolieniao.member.queryCardInfo.json", 5).at(-1)!;
    expect(rec.request).toContain("/scts.service/webservice/pay/queryCardInfo.json");
    expect(rec.request).not.toContain("003E7220ECB1BC31C5A391E0E51DA50E");
    expect(rec.request).not.toContain("demoChannelKey");
  });

  it("orderConfirm.json lists showCode:seatCode:price:fee lines; a refusal is an error with the vendor's msg", async () => {
    server.answerWith({ contentType: "application/json", body: '{"resultCode":"101","msg":"会员卡余额不足"}' });
    const res = await connect("k").cards.payOrder("800001", "123456", "2024050100000001", [
      { showCode: "0120240501", seatCode: "S1", priceFen: 3500, feeFen: 200 },
      { showCode: "0120240501", seatCode: "S2", priceFen: 3500, feeFen: 200 },
    ]);
    expect(!res.ok && res.error).toMatchObject({
      code: "vendor_unavailable",
      vendorCode: "101",
      message: "会员卡余额不足",
    });
    const form = Object.fromEntries(new URLSearchParams(server.seen.at(-1)!.body));
    expect(form.orders).toBe("0120240501:S1:35.00:2.00,0120240501:S2:35.00:2.00");
    expect(form.password).toBe(memberEncrypt("123456", "k"));
    const { sign, ...rest } = form;
    expect(sign).toBe(memberSign(rest, "k"));
  });

  it("an unreadable answer to a recharge is outcome_unknown; to a read, vendor_unavailable", async () => {
    server.answerWith({ contentType: "text/html", body: "<html>502</html>" });
    const recharge = await connect("k").cards.recharge("800001", "123456", 10_000, "ord_1");
    expect(!recharge.ok && recharge.error.code).toBe("outcome_unknown");
    const read = await connect("k").cards.priceOfOrder("2024050100000001");
    expect(!read.ok && read.error.code).toBe("vendor_unavailable");
  });

  it("without a memberKey the calls are config_error and nothing is sent", async () => {
    const before = server.seen.length;
    const res = await connect().cards.cardInfo("800001", "123456");
    expect(!res.ok && res.error.code).toBe("config_error");
    expect(server.seen.length).toBe(before);
  });
});
