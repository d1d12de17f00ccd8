import { createPrivateKey, createPublicKey } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaTime, content, NOTIFY_DROP, REQUEST_DROP, rsaPair, sign, verify } from "../../src/alipay/crypto.js";
import { type RunningAlipay, startAlipaySimulator } from "../../src/alipay/index.js";

let sim: RunningAlipay;
let merchant: Server;
let notifyUrl = "";
const received: string[] = [];

beforeAll(async () => {
  sim = await startAlipaySimulator();
  merchant = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push(body);
      res.end("success");
    });
  });
  await new Promise<void>((r) => merchant.listen(0, "127.0.0.1", r));
  notifyUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/notify`;
});
afterAll(async () => {
  await sim.close();
  await new Promise((r) => merchant.close(r));
});

/** The common parameters of payments.md §4, signed with `key` (the demo app's by default). */
function signed(method: string, biz: object, extra: Record<string, string> = {}, key = sim.demo.privateKeyPem) {
  const p: Record<string, string> = {
    app_id: sim.demo.appId,
    method,
    format: "JSON",
    charset: "utf-8",
    sign_type: "RSA2",
    timestamp: chinaTime(sim.state.now()),
    version: "1.0",
    ...extra,
    biz_content: JSON.stringify(biz),
  };
  p.sign = sign(content(p, REQUEST_DROP), createPrivateKey(key));
  return p;
}

const alipayKey = () => createPublicKey(sim.demo.alipayPublicKeyPem);

async function exec(method: string, biz: object, key?: string) {
  const res = await fetch(sim.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8" },
    body: new URLSearchParams(signed(method, biz, {}, key)).toString(),
  });
  const raw = await res.text();
  const name = `${method.replace(/\./g, "_")}_response`;
  const inner = raw.slice(raw.indexOf(":") + 1, raw.lastIndexOf(',"sign":'));
  const doc = JSON.parse(raw) as Record<string, Record<string, string>> & { sign: string };
  return {
    status: res.status,
    body: doc[name] ?? doc.error_response!,
    signedOk: verify(inner, doc.sign as string, alipayKey()),
  };
}

const open = (outTradeNo: string, biz: Record<string, unknown> = {}) =>
  fetch(
    `${sim.gatewayUrl}?${new URLSearchParams(
      signed(
        "alipay.trade.wap.pay",
        {
          out_trade_no: outTradeNo,
          total_amount: "12.50",
          subject: "影票",
          product_code: "QUICK_WAP_WAY",
          time_expire: chinaTime(sim.state.now() + 15 * 60_000),
          ...biz,
        },
        { notify_url: notifyUrl },
      ),
    )}`,
  );

describe("Alipay simulator gateway (payments.md §4)", () => {
  it("answers exec calls signed over the raw *_response text; an unknown trade is ACQ.TRADE_NOT_EXIST", async () => {
    const r = await exec("alipay.trade.query", { out_trade_no: "NOPE0001" });
    expect(r.signedOk).toBe(true);
    expect(r.body).toMatchObject({ code: "40004", sub_code: "ACQ.TRADE_NOT_EXIST" });
  });

  it("refuses a request signed by a key other than the app's, an unknown app and an unknown method", async () => {
    const r = await exec("alipay.trade.query", { out_trade_no: "NOPE0001" }, rsaPair().privatePem);
    expect(r.body).toMatchObject({ code: "40002", sub_code: "isv.invalid-signature" });
    const res = await fetch(sim.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...signed("alipay.trade.query", {}), app_id: "2021999999999999" }).toString(),
    });
    expect(JSON.parse(await res.text()).alipay_trade_query_response.sub_code).toBe("isv.invalid-app-id");
    expect((await exec("alipay.trade.pay", {})).body.sub_code).toBe("isv.invalid-method");
  });

  it("the cashier page pays through its own button; the notify is signed over url-decoded fields without sign_type", async () => {
    const page = await open("SIMPAY0001");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("12.50");
    const action = /action="([^"]+)"/.exec(html)![1]!;
    const paid = await fetch(`${sim.url}${action}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "action=pay",
    });
    expect(await paid.text()).toContain("支付成功");
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const p = Object.fromEntries(new URLSearchParams(received[0]!));
    expect(p).toMatchObject({ out_trade_no: "SIMPAY0001", trade_status: "TRADE_SUCCESS", total_amount: "12.50" });
    expect(verify(content(p, NOTIFY_DROP), p.sign!, alipayKey())).toBe(true);
    const q = await exec("alipay.trade.query", { out_trade_no: "SIMPAY0001" });
    expect(q.body).toMatchObject({ code: "10000", trade_status: "TRADE_SUCCESS", buyer_pay_amount: "12.50" });
  });

  it("refunds once per out_request_no (a retry moves no money), never more than paid; the refund query finds it", async () => {
    await open("SIMREF0001");
    await fetch(`${sim.url}/_control/trades/SIMREF0001/buyer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"action":"pay"}',
    });
    const biz = { out_trade_no: "SIMREF0001", refund_amount: "12.50", out_request_no: "R1" };
    expect((await exec("alipay.trade.refund", biz)).body).toMatchObject({ code: "10000", fund_change: "Y" });
    expect((await exec("alipay.trade.refund", biz)).body).toMatchObject({ code: "10000", fund_change: "N" });
    expect((await exec("alipay.trade.refund", { ...biz, refund_amount: "1.00" })).body.sub_code).toBe(
      "ACQ.DISCORDANT_REPEAT_REQUEST",
    );
    expect(
      (await exec("alipay.trade.refund", { ...biz, refund_amount: "0.01", out_request_no: "R2" })).body.sub_code,
    ).toBe("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
    const q = await exec("alipay.trade.fastpay.refund.query", { out_trade_no: "SIMREF0001", out_request_no: "R1" });
    expect(q.body).toMatchObject({ refund_amount: "12.50", refund_status: "REFUND_SUCCESS" });
    expect((await exec("alipay.trade.query", { out_trade_no: "SIMREF0001" })).body.trade_status).toBe("TRADE_CLOSED");
  });

  it("the cashier refuses bad biz_content with Alipay's error page", async () => {
    for (const biz of [
      { total_amount: "0.00" },
      { total_amount: "1.234" },
      { product_code: "FAST_INSTANT_TRADE_PAY" },
      { subject: "a/b" },
    ]) {
      const res = await open("SIMBAD0001", biz);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("ACQ.INVALID_PARAMETER");
    }
  });

  it("the control API refuses malformed input with a 400 naming the problem", async () => {
    const put = (path: string, body: string) =>
      fetch(`${sim.url}/_control${path}`, { method: "PUT", headers: { "content-type": "application/json" }, body });
    expect((await put("/payment-faults", '{"signature":"stale"}')).status).toBe(400);
    expect((await put("/payment-faults", '{"nope":1}')).status).toBe(400);
    expect((await put("/payment-faults", "[")).status).toBe(400);
    const buyer = await fetch(`${sim.url}/_control/trades/NEVEROPENED/buyer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"action":"pay"}',
    });
    expect(buyer.status).toBe(404);
    const post = await fetch(`${sim.url}/_control/apps`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"appId":"2021000000000009","appPublicKeyPem":"nonsense"}',
    });
    expect(post.status).toBe(400);
  });
});
