import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AlipayClient } from "../../src/payments/alipay/client.js";
import {
  alipayTime,
  fenOf,
  notifySignContent,
  parseAlipayTime,
  rawMember,
  readPrivateKey,
  readPublicKey,
  requestSignContent,
  rsa2Sign,
  rsa2Verify,
  yuanOf,
} from "../../src/payments/alipay/signing.js";

/**
 * payments.md §4 publishes the RSA2 rules but no worked example with a key, so the strings are
 * checked against the rules and the signatures against generated keys (as §7 says for paySign).
 */
const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey,
    publicKey,
  };
};
const app = pair();
const alipay = pair();
const stranger = pair();

describe("Alipay RSA2 strings (payments.md §4)", () => {
  const params = {
    app_id: "2021000000000001",
    method: "alipay.trade.query",
    format: "JSON",
    charset: "utf-8",
    sign_type: "RSA2",
    timestamp: "2026-12-03 23:05:00",
    version: "1.0",
    notify_url: "",
    biz_content: '{"out_trade_no":"CG0001"}',
    sign: "ignored",
  };

  it("a request signs every parameter but sign (sign_type included), sorted, raw values, empty ones left out", () => {
    expect(requestSignContent(params)).toBe(
      'app_id=2021000000000001&biz_content={"out_trade_no":"CG0001"}&charset=utf-8&format=JSON' +
        "&method=alipay.trade.query&sign_type=RSA2&timestamp=2026-12-03 23:05:00&version=1.0",
    );
  });

  it("a notify is verified over every parameter but sign and sign_type", () => {
    expect(notifySignContent({ b: "2", a: "1", sign: "x", sign_type: "RSA2", c: "" })).toBe("a=1&b=2");
  });

  it("SHA256withRSA signs and verifies with the pair only", () => {
    const s = rsa2Sign("a=1&b=2", app.privateKey);
    expect(rsa2Verify("a=1&b=2", s, app.publicKey)).toBe(true);
    expect(rsa2Verify("a=1&b=3", s, app.publicKey)).toBe(false);
    expect(rsa2Verify("a=1&b=2", s, stranger.publicKey)).toBe(false);
    expect(rsa2Verify("a=1&b=2", "not base64 at all!", app.publicKey)).toBe(false);
  });

  it("keys are read as PEM or as Alipay's bare base64 (PKCS#8 or PKCS#1 private, SPKI public)", () => {
    const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    const pkcs1 = app.privateKey.export({ type: "pkcs1", format: "der" }).toString("base64");
    for (const text of [app.privatePem, bare(app.privatePem), pkcs1]) {
      const k = readPrivateKey(text);
      expect(createPublicKey(k).export({ type: "spki", format: "pem" })).toBe(app.publicPem);
    }
    expect(readPublicKey(bare(alipay.publicPem)).export({ type: "spki", format: "pem" })).toBe(alipay.publicPem);
    expect(() => readPrivateKey("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")).toThrow();
    expect(() => readPublicKey("hello")).toThrow();
  });

  it("the signed text of an answer is the raw *_response member, braces and quotes inside strings included", () => {
    const inner = '{"code":"10000","msg":"Success","subject":"a \\"}{\\" b","x":{"y":[1,{"z":"}"}]}}';
    const body = `{"alipay_trade_query_response":${inner},"sign":"abc"}`;
    expect(rawMember(body, "alipay_trade_query_response")).toBe(inner);
    expect(rawMember(`{"sign":"abc", "alipay_trade_query_response" : ${inner}}`, "alipay_trade_query_response")).toBe(
      inner,
    );
    expect(rawMember(body, "alipay_trade_close_response")).toBeUndefined();
    expect(rawMember('{"alipay_trade_query_response":{"code":"1', "alipay_trade_query_response")).toBeUndefined();
  });

  it("money is yuan with 2 decimals at the edge; times are China time", () => {
    expect(yuanOf(1)).toBe("0.01");
    expect(yuanOf(3990)).toBe("39.90");
    expect(yuanOf(100_000_000_00)).toBe("100000000.00");
    expect(fenOf("39.9")).toBe(3990);
    expect(fenOf("0.01")).toBe(1);
    expect(fenOf("12")).toBe(1200);
    expect(fenOf("1.234")).toBeUndefined();
    expect(fenOf("-1.00")).toBeUndefined();
    const t = Date.UTC(2026, 11, 3, 15, 5, 9);
    expect(alipayTime(t)).toBe("2026-12-03 23:05:09");
    expect(parseAlipayTime("2026-12-03 23:05:09")).toBe(t);
    expect(parseAlipayTime("2026-12-03 23:05")).toBe(t - 9000);
  });
});

describe("Alipay client offline parts", () => {
  const now = Date.UTC(2026, 11, 3, 7, 0, 0);
  const client = new AlipayClient(
    {
      appId: "2021000000000001",
      privateKeyPem: app.privatePem,
      alipayPublicKeyPem: alipay.publicPem,
      gatewayUrl: "http://127.0.0.1:9/gateway.do",
    },
    { clock: { now: () => now } },
  );

  it("create signs the WAP pay URL the browser opens: yuan, absolute time_expire, echoed passback", async () => {
    const r = await client.create({
      outTradeNo: "CG000001",
      description: "影院票务 A/B=1&2",
      amountFen: 3990,
      expiresAt: now + 15 * 60_000,
      notifyUrl: "http://127.0.0.1:9/notify",
      attach: "order 1&x",
      returnUrl: "http://127.0.0.1:9/back",
    });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.payParams.kind !== "redirect") throw new Error("expected a redirect");
    const url = new URL(r.value.payParams.url);
    expect(url.pathname).toBe("/gateway.do");
    const p = Object.fromEntries(url.searchParams);
    expect(p).toMatchObject({
      app_id: "2021000000000001",
      method: "alipay.trade.wap.pay",
      sign_type: "RSA2",
      charset: "utf-8",
      version: "1.0",
      timestamp: "2026-12-03 15:00:00",
      notify_url: "http://127.0.0.1:9/notify",
      return_url: "http://127.0.0.1:9/back",
    });
    expect(JSON.parse(p.biz_content!)).toEqual({
      out_trade_no: "CG000001",
      total_amount: "39.90",
      subject: "影院票务 A B 1 2",
      product_code: "QUICK_WAP_WAY",
      time_expire: "2026-12-03 15:15:00",
      quit_url: "http://127.0.0.1:9/back",
      passback_params: "order%201%26x",
    });
    expect(rsa2Verify(requestSignContent(p), p.sign!, app.publicKey)).toBe(true);
  });

  it("create refuses bad input without signing anything", async () => {
    const base = { outTradeNo: "CG000002", description: "票", amountFen: 100, expiresAt: now + 60_000, notifyUrl: "x" };
    for (const bad of [
      { amountFen: 0 },
      { amountFen: 1.5 },
      { outTradeNo: "a b" },
      { expiresAt: now - 1 },
      { description: "/" },
    ]) {
      const r = await client.create({ ...base, ...bad });
      expect(r.ok ? "ok" : r.error.code).toBe("invalid_request");
    }
  });

  const notify = (fields: Record<string, string>, key = alipay.privateKey) => {
    const p: Record<string, string> = {
      notify_time: "2026-12-03 15:01:00",
      notify_type: "trade_status_sync",
      notify_id: "ac05099524730693a8b330c5ecf72da9786",
      app_id: "2021000000000001",
      charset: "utf-8",
      version: "1.0",
      trade_no: "2026120322001400000000000001",
      out_trade_no: "CG000001",
      trade_status: "TRADE_SUCCESS",
      total_amount: "39.90",
      receipt_amount: "39.90",
      buyer_pay_amount: "39.90",
      buyer_id: "2088102000000001",
      seller_id: "2088101000000001",
      gmt_create: "2026-12-03 15:00:30",
      gmt_payment: "2026-12-03 15:00:40",
      passback_params: "order%201",
      subject: "影院票务 测试",
      ...fields,
    };
    p.sign_type = "RSA2";
    p.sign = rsa2Sign(notifySignContent(p), key);
    return p;
  };
  const body = (p: Record<string, string>) => new URLSearchParams(p).toString();

  it("a notify signed by Alipay's key verifies over url-decoded values and decodes to a paid trade", async () => {
    const r = await client.verifyNotify({ headers: {}, body: body(notify({})) });
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== "payment") throw new Error("expected a payment notice");
    expect(r.value.notifyId).toBe("ac05099524730693a8b330c5ecf72da9786");
    expect(r.value.trade).toMatchObject({
      outTradeNo: "CG000001",
      state: "paid",
      providerState: "TRADE_SUCCESS",
      transactionId: "2026120322001400000000000001",
      amountFen: 3990,
      paidFen: 3990,
      paidAt: Date.UTC(2026, 11, 3, 7, 0, 40),
      payerId: "2088102000000001",
      attach: "order 1",
      appId: "2021000000000001",
      mchId: "2088101000000001",
    });
    for (const [status, state, fields] of [
      ["WAIT_BUYER_PAY", "pending", { gmt_payment: "" }],
      ["TRADE_FINISHED", "paid", {}],
      // Closed unpaid (time_expire, close) vs a paid trade refunded in full, told apart by the payment time.
      ["TRADE_CLOSED", "closed", { gmt_payment: "" }],
      ["TRADE_CLOSED", "refunded", {}],
    ] as const) {
      const x = await client.verifyNotify({
        headers: {},
        body: body(notify({ trade_status: status, ...fields })),
      });
      expect(x.ok && x.value.kind === "payment" && x.value.trade.state).toBe(state);
    }
  });

  it("a tampered notify, one signed by another key, or for another app is refused", async () => {
    const good = notify({});
    const tampered = { ...good, total_amount: "0.01" };
    const r1 = await client.verifyNotify({ headers: {}, body: body(tampered) });
    expect(r1.ok ? "ok" : r1.error.code).toBe("bad_signature");
    const r2 = await client.verifyNotify({ headers: {}, body: body(notify({}, stranger.privateKey)) });
    expect(r2.ok ? "ok" : r2.error.code).toBe("bad_signature");
    const r3 = await client.verifyNotify({ headers: {}, body: body(notify({ app_id: "2021999999999999" })) });
    expect(r3.ok ? "ok" : r3.error.code).toBe("invalid_request");
    const r4 = await client.verifyNotify({ headers: {}, body: "hello=world" });
    expect(r4.ok ? "ok" : r4.error.code).toBe("invalid_request");
    const { sign: _drop, ...unsigned } = good;
    const r5 = await client.verifyNotify({ headers: {}, body: body(unsigned) });
    expect(r5.ok ? "ok" : r5.error.code).toBe("bad_signature");
  });

  it("answers notifies with the plain text Alipay documents", () => {
    expect(client.notifyAnswer(true)).toEqual({ status: 200, contentType: "text/plain", body: "success" });
    expect(client.notifyAnswer(false).body).not.toBe("success");
  });
});
