import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningWechatPay, startWechatPaySimulator } from "../../../simulators/src/wechatpay/index.js";
import type { TestApp } from "../support/app.js";
import type { ApiResult } from "../support/console.js";
import { type ConfigWorld, startConfigWorld } from "./config-world.js";

let w: ConfigWorld;
let pay: RunningWechatPay;
let t: TestApp;
let cinemaId: string;
let platform: { publicKeyId: string; publicKeyPem: string };
const admin = (method: string, path: string, body?: unknown) => w.admin(method, path, body);
const path = () => w.path;

beforeAll(async () => {
  w = await startConfigWorld(5, "pay-ykse");
  ({ t, cinemaId } = w);
  pay = await startWechatPaySimulator({ ctx: { clock: w.sims.clocks.ykse } });
  platform = (await (await fetch(`${pay.url}/_control/platform`)).json()) as typeof platform;
}, 60_000);
afterAll(async () => {
  await w?.close();
  await pay?.close();
});

const v3Config = () => ({
  wechat: {
    appId: pay.demo.appId,
    appSecret: "0123456789abcdef0123456789abcdef",
    mchId: pay.demo.mchId,
    apiVersion: "v3",
    apiV3Key: pay.demo.apiV3Key,
    merchantSerialNo: pay.demo.merchantSerialNo,
    merchantPrivateKeyPem: pay.demo.merchantPrivateKeyPem,
    merchantCertificatePem: pay.demo.merchantCertificatePem,
    platformPublicKeyId: platform.publicKeyId,
    platformPublicKeyPem: platform.publicKeyPem,
    apiBaseUrl: pay.url,
  },
  memberCardPay: true,
});

const failed = (res: ApiResult) => res.body.findings.filter((f: { ok: boolean }) => !f.ok);

describe("payment configuration per cinema (API.md payment-config)", () => {
  it("reads nothing configured at first", async () => {
    const res = await admin("GET", path());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cinemaId, version: 0, wechat: null, alipay: null, memberCardPay: false });
  });

  it("stores a v3 merchant with its secrets sealed and answers without them", async () => {
    const res = await admin("PUT", path(), v3Config());
    expect(res.status).toBe(200);
    expect(res.body.wechat).toMatchObject({
      appId: pay.demo.appId,
      mchId: pay.demo.mchId,
      apiVersion: "v3",
      platformPublicKeyId: platform.publicKeyId,
      secretsSet: { appSecret: true, apiV3Key: true, apiKey: false, merchantPrivateKeyPem: true },
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(pay.demo.apiV3Key);
    expect(text).not.toContain("PRIVATE KEY");
    const row = await t.db
      .selectFrom("cinema_settings")
      .select("document")
      .where("cinema_id", "=", cinemaId)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row.document);
    expect(stored).not.toContain(pay.demo.apiV3Key);
    expect(stored).not.toContain("PRIVATE KEY");
    const audit = await t.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "cinema.payment_config")
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(pay.demo.apiV3Key);
    expect(t.logs.join("")).not.toContain(pay.demo.apiV3Key);
  });

  it("keeps secrets a later write leaves out, clears one set to null, and survives a vendor-settings write", async () => {
    const { apiV3Key: _k, merchantPrivateKeyPem: _p, appSecret: _s, ...publicOnly } = v3Config().wechat;
    const kept = await admin("PUT", path(), { wechat: publicOnly });
    expect(kept.body.wechat.secretsSet).toMatchObject({ apiV3Key: true, merchantPrivateKeyPem: true, appSecret: true });
    expect(kept.body.memberCardPay).toBe(true);
    const cleared = await admin("PUT", path(), { wechat: { ...publicOnly, appSecret: null } });
    expect(cleared.body.wechat.secretsSet.appSecret).toBe(false);
    const settings = await admin("GET", `/admin/cinemas/${cinemaId}/settings`);
    const vendorWrite = await admin("PUT", `/admin/cinemas/${cinemaId}/settings`, {
      version: settings.body.version,
      settings: { vendor: {} },
    });
    expect(vendorWrite.status).toBe(200);
    expect((await admin("GET", path())).body.wechat.secretsSet.apiV3Key).toBe(true);
    const stale = await admin("PUT", path(), { version: 1, wechat: publicOnly });
    expect(stale.status).toBe(409);
  });

  it("refuses bad input with a 4xx", async () => {
    expect((await admin("PUT", path(), { wechat: { ...v3Config().wechat, apiVersion: "v4" } })).status).toBe(400);
    expect((await admin("PUT", path(), { wechat: { ...v3Config().wechat, extra: 1 } })).status).toBe(400);
    expect((await admin("PUT", "/admin/cinemas/nope/payment-config", v3Config())).status).toBe(404);
    expect((await admin("POST", "/admin/cinemas/nope/payment-config/check", {})).status).toBe(404);
  });

  it("the check passes for a correct merchant: keys, serial, the merchant answers, a 1-fen order is created and closed", async () => {
    await admin("PUT", path(), v3Config());
    const res = await admin("POST", `${path()}/check`, {});
    expect(res.status).toBe(200);
    expect(failed(res)).toEqual([]);
    expect(res.body.ok).toBe(true);
    const checks = res.body.findings.map((f: { check: string }) => f.check);
    expect(checks).toEqual(
      expect.arrayContaining([
        "appId",
        "mchId",
        "apiV3Key",
        "privateKey",
        "merchantSerialNo",
        "platformKey",
        "merchantAnswers",
        "testOrder",
        "payDirectory",
      ]),
    );
    const trades = (await (await fetch(`${pay.url}/_control/trades?mchId=${pay.demo.mchId}`)).json()) as {
      trades: { amount: { total: number }; trade_state: string }[];
    };
    expect(trades.trades.some((x) => x.amount.total === 1 && x.trade_state === "CLOSED")).toBe(true);
  });

  it("names the common mistakes in Chinese with the fix", async () => {
    // An AppID the merchant has not bound (M-A authorisation missing).
    await admin("PUT", path(), { wechat: { ...v3Config().wechat, appId: "wx00000000000000aa" } });
    let res = await admin("POST", `${path()}/check`, {});
    let f = failed(res);
    expect(f.map((x: { check: string }) => x.check)).toEqual(["testOrder"]);
    expect(f[0].message.zh).toContain("AppID 与商户号未绑定");
    expect(f[0].fix.zh).toContain("AppID账号管理");

    // The certificate pasted where the private key goes.
    await admin("PUT", path(), {
      wechat: { ...v3Config().wechat, merchantPrivateKeyPem: pay.demo.merchantCertificatePem },
    });
    res = await admin("POST", `${path()}/check`, {});
    f = failed(res);
    expect(f.find((x: { check: string }) => x.check === "privateKey").message.zh).toContain("apiclient_cert.pem");
    expect(f.find((x: { check: string }) => x.check === "merchantAnswers")).toBeTruthy();

    // A serial that is not the key's: caught locally against the certificate…
    const wrongSerial = "1".repeat(40);
    await admin("PUT", path(), { wechat: { ...v3Config().wechat, merchantSerialNo: wrongSerial } });
    res = await admin("POST", `${path()}/check`, {});
    expect(failed(res).find((x: { check: string }) => x.check === "merchantSerialNo").message.zh).toContain(
      wrongSerial,
    );

    // …and by the merchant when no certificate was given.
    const { merchantCertificatePem: _c, ...noCert } = v3Config().wechat;
    await admin("PUT", path(), { wechat: { ...noCert, merchantSerialNo: wrongSerial } });
    // The previous write stored a certificate; a new write without one keeps nothing public it omits.
    res = await admin("POST", `${path()}/check`, {});
    f = failed(res);
    expect(f.map((x: { check: string }) => x.check)).toEqual(["merchantAnswers"]);
    expect(f[0].fix.zh).toContain("证书序列号");

    // A 31-character APIv3 key.
    await admin("PUT", path(), { wechat: { ...v3Config().wechat, apiV3Key: pay.demo.apiV3Key.slice(1) } });
    res = await admin("POST", `${path()}/check`, {});
    expect(failed(res).find((x: { check: string }) => x.check === "apiV3Key").fix.zh).toContain("APIv3");
  });

  it("checks a v2 merchant with its API key", async () => {
    await admin("PUT", path(), {
      wechat: {
        appId: pay.demo.appId,
        appSecret: "0123456789abcdef0123456789abcdef",
        mchId: pay.demo.mchId,
        apiVersion: "v2",
        apiKey: pay.demo.apiKey,
        merchantCertificatePem: pay.demo.merchantCertificatePem,
        merchantPrivateKeyPem: pay.demo.merchantPrivateKeyPem,
        apiBaseUrl: pay.url,
      },
    });
    let res = await admin("POST", `${path()}/check`, {});
    expect(failed(res)).toEqual([]);
    await admin("PUT", path(), {
      wechat: {
        appId: pay.demo.appId,
        mchId: pay.demo.mchId,
        apiVersion: "v2",
        apiKey: "x".repeat(32),
        apiBaseUrl: pay.url,
      },
    });
    res = await admin("POST", `${path()}/check`, {});
    const f = failed(res).find((x: { check: string }) => x.check === "merchantAnswers");
    expect(f.message.zh).toContain("拒绝了我方签名");
  });
});
