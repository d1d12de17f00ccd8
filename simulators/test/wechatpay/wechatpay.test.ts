import { createPrivateKey, createPublicKey, randomBytes, X509Certificate } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptResource, nonce32, requestMessage, responseMessage, sign, verify } from "../../src/wechatpay/crypto.js";
import { type RunningWechatPay, startWechatPaySimulator } from "../../src/wechatpay/index.js";
import { RETRY_OFFSETS_MS } from "../../src/wechatpay/notifier.js";

let sim: RunningWechatPay;
let merchant: Server;
let merchantUrl = "";
const received: { body: string; at: number }[] = [];

beforeAll(async () => {
  sim = await startWechatPaySimulator();
  // A merchant that refuses every notify, to watch the whole retry schedule.
  merchant = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push({ body, at: sim.state.now() });
      res.writeHead(500).end('{"code":"FAIL","message":"失败"}');
    });
  });
  await new Promise<void>((r) => merchant.listen(0, "127.0.0.1", r));
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/notify`;
});
afterAll(async () => {
  await sim.close();
  await new Promise((r) => merchant.close(r));
});

/** A signed v3 call as a merchant makes it (payments.md §1.3), with knobs to get it wrong. */
async function call(method: string, path: string, body?: unknown, opts: { skewS?: number; noAuth?: boolean } = {}) {
  const text = body === undefined ? "" : JSON.stringify(body);
  const ts = String(Math.floor(sim.state.now() / 1000) + (opts.skewS ?? 0));
  const nonce = nonce32();
  const signature = sign(
    createPrivateKey(sim.demo.merchantPrivateKeyPem),
    requestMessage(method, path, ts, nonce, text),
  );
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      accept: "application/json",
      ...(method === "POST" ? { "content-type": "application/json" } : {}),
      ...(opts.noAuth
        ? {}
        : {
            authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${sim.demo.mchId}",serial_no="${sim.demo.merchantSerialNo}",timestamp="${ts}",nonce_str="${nonce}",signature="${signature}"`,
          }),
    },
    ...(method === "POST" ? { body: text } : {}),
  });
  const raw = await res.text();
  return { status: res.status, headers: res.headers, raw, json: raw ? JSON.parse(raw) : undefined };
}

const jsapi = (over: Record<string, unknown> = {}) => ({
  appid: sim.demo.appId,
  mchid: sim.demo.mchId,
  description: "影票",
  out_trade_no: `T${randomBytes(6).toString("hex")}`,
  notify_url: merchantUrl,
  amount: { total: 100, currency: "CNY" },
  payer: { openid: sim.demo.openid },
  ...over,
});

describe("WeChat Pay v3 simulator protocol (payments.md §1.11)", () => {
  it("the retry schedule is 1 + 15 attempts over exactly 24h04m (§1.7)", () => {
    expect(RETRY_OFFSETS_MS).toHaveLength(16);
    expect(RETRY_OFFSETS_MS.at(-1)).toBe((24 * 60 + 4) * 60_000);
  });

  it("refuses a request without Authorization, and signs even that error with its public key", async () => {
    const r = await call("GET", `/v3/pay/transactions/out-trade-no/x123456?mchid=${sim.demo.mchId}`, undefined, {
      noAuth: true,
    });
    expect(r.status).toBe(401);
    expect(r.json.code).toBe("SIGN_ERROR");
    const platform = (await (await fetch(`${sim.url}/_control/platform`)).json()) as {
      publicKeyId: string;
      publicKeyPem: string;
    };
    expect(r.headers.get("wechatpay-serial")).toBe(platform.publicKeyId);
    const ok = verify(
      createPublicKey(platform.publicKeyPem),
      responseMessage(r.headers.get("wechatpay-timestamp")!, r.headers.get("wechatpay-nonce")!, r.raw),
      r.headers.get("wechatpay-signature")!,
    );
    expect(ok).toBe(true);
    expect(r.headers.get("request-id")).toMatch(/-268443699$/);
  });

  it("refuses a timestamp 5 minutes off and a body that is not the signed one", async () => {
    expect((await call("POST", "/v3/pay/transactions/jsapi", jsapi(), { skewS: 400 })).status).toBe(401);
    expect((await call("POST", "/v3/pay/transactions/jsapi", jsapi(), { skewS: -400 })).status).toBe(401);
  });

  it("answers PARAM_ERROR with a detail, APPID_MCHID_NOT_MATCH for an unbound AppID", async () => {
    const zero = await call("POST", "/v3/pay/transactions/jsapi", jsapi({ amount: { total: 0 } }));
    expect(zero.status).toBe(400);
    expect(zero.json).toMatchObject({ code: "PARAM_ERROR", detail: { field: "amount.total", location: "body" } });
    const noOpenid = await call("POST", "/v3/pay/transactions/jsapi", jsapi({ payer: {} }));
    expect(noOpenid.json.message).toBe("JSAPI支付必须传openid");
    const query = await call("POST", "/v3/pay/transactions/jsapi", jsapi({ notify_url: `${merchantUrl}?a=1` }));
    expect(query.json.detail.field).toBe("notify_url");
    const unbound = await call("POST", "/v3/pay/transactions/jsapi", jsapi({ appid: "wx0000000000000000" }));
    expect(unbound.json.code).toBe("APPID_MCHID_NOT_MATCH");
  });

  it("hands the platform certificate out encrypted with the APIv3 key (§1.1)", async () => {
    const r = await call("GET", "/v3/certificates");
    expect(r.status).toBe(200);
    const item = r.json.data[0];
    const pem = decryptResource(sim.demo.apiV3Key, item.encrypt_certificate);
    expect(new X509Certificate(pem).serialNumber.toUpperCase()).toBe(item.serial_no);
  });

  it("delivers a refused notify 16 times on the simulated schedule, then gives up", async () => {
    const body = jsapi();
    expect((await call("POST", "/v3/pay/transactions/jsapi", body)).status).toBe(200);
    const start = sim.state.now();
    const paid = await fetch(`${sim.url}/_control/trades/${body.out_trade_no}/buyer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "pay" }),
    });
    expect(paid.status).toBe(200);
    const mine = () => received.filter((r) => r.body.includes("TRANSACTION.SUCCESS"));
    const waitFor = async (n: number) => {
      const until = Date.now() + 3000;
      while (mine().length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    };
    await waitFor(1);
    for (let i = 1; i < RETRY_OFFSETS_MS.length; i++) {
      sim.state.ctx.clock.advance(RETRY_OFFSETS_MS[i]! - RETRY_OFFSETS_MS[i - 1]!);
      await waitFor(i + 1);
    }
    expect(mine()).toHaveLength(16);
    // Each attempt came no earlier than its offset (simulated time).
    for (const [i, r] of mine().entries()) expect(r.at - start).toBeGreaterThanOrEqual(RETRY_OFFSETS_MS[i]!);
    sim.state.ctx.clock.advance(24 * 3600_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(mine()).toHaveLength(16);
    const log = (await (await fetch(`${sim.url}/_control/notifies`)).json()) as {
      notifies: { outTradeNo: string; state: string }[];
    };
    const d = log.notifies.find((n) => n.outTradeNo === body.out_trade_no);
    expect(d?.state).toBe("gave_up");
  });

  it("checks control input: a typo in a fault is a 400", async () => {
    const r = await fetch(`${sim.url}/_control/payment-faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ notifyLostRat: 1 }),
    });
    expect(r.status).toBe(400);
  });
});
