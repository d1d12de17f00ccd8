import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningAlipay, startAlipaySimulator } from "../../../simulators/src/alipay/index.js";
import { openAlipay, storedOf } from "../../src/payments/config.js";
import { configureDemoAlipay, readDemoAlipay } from "../../src/payments/demo.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { TEST_MASTER_KEY, type TestApp } from "../support/app.js";
import { type ConfigWorld, startConfigWorld } from "./config-world.js";

/** A cinema's Alipay app through the Admin API: stored sealed, read masked, checked against the simulator. */
let w: ConfigWorld;
let ali: RunningAlipay;
let t: TestApp;
let cinemaId: string;
const admin = (method: string, path: string, body?: unknown) => w.admin(method, path, body);
const path = () => w.path;

beforeAll(async () => {
  w = await startConfigWorld(7, "alipay-ykse");
  ({ t, cinemaId } = w);
  ali = await startAlipaySimulator({ ctx: { clock: w.sims.clocks.ykse } });
}, 60_000);
afterAll(async () => {
  await w?.close();
  await ali?.close();
});

describe("Alipay payment configuration", () => {
  it("stores the private key sealed, never returns it, and the check passes against the simulator", async () => {
    const put = await admin("PUT", path(), {
      alipay: {
        appId: ali.demo.appId,
        privateKeyPem: ali.demo.privateKeyPem,
        alipayPublicKeyPem: ali.demo.alipayPublicKeyPem,
        gatewayUrl: ali.gatewayUrl,
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.alipay).toMatchObject({ appId: ali.demo.appId, secretsSet: { privateKeyPem: true } });
    const got = await admin("GET", path());
    expect(JSON.stringify(got.body)).not.toContain(ali.demo.privateKeyPem.split("\n")[1]);
    const res = await admin("POST", `${path()}/check`, {});
    expect(res.status).toBe(200);
    const alipay = res.body.findings.filter((f: { check: string }) => f.check.startsWith("alipay."));
    expect(alipay.filter((f: { ok: boolean }) => !f.ok)).toEqual([]);
    expect(alipay.map((f: { check: string }) => f.check)).toContain("alipay.testTrade");
    // No WeChat merchant: that part still says so; Alipay does not hide it.
    expect(res.body.findings.find((f: { check: string }) => f.check === "configured").ok).toBe(false);
  });

  it("stores the seller PID, reads it back, clears it on a write that leaves it out (public fields are written whole), and checks it", async () => {
    const app = { appId: ali.demo.appId, alipayPublicKeyPem: ali.demo.alipayPublicKeyPem, gatewayUrl: ali.gatewayUrl };
    const put = await admin("PUT", path(), { alipay: { ...app, sellerId: "2088101000000001" } });
    expect(put.status).toBe(200);
    expect(put.body.alipay).toMatchObject({ sellerId: "2088101000000001", secretsSet: { privateKeyPem: true } });
    expect((await admin("GET", path())).body.alipay.sellerId).toBe("2088101000000001");
    // A write without the field clears it (it is a public field, written whole like appId).
    expect((await admin("PUT", path(), { alipay: app })).body.alipay.sellerId).toBeNull();
    await admin("PUT", path(), { alipay: { ...app, sellerId: ali.demo.appId } });
    const res = await admin("POST", `${path()}/check`, {});
    const f = res.body.findings.find((x: { check: string }) => x.check === "alipay.sellerId");
    expect(f).toMatchObject({ ok: false });
    expect(f.message.en).toContain("APPID");
    expect((await admin("PUT", path(), { alipay: { ...app, sellerId: "x".repeat(33) } })).status).toBe(400);
  });

  it("a wrong private key is named with its fix", async () => {
    const { generateKeyPairSync } = await import("node:crypto");
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
      type: "pkcs8",
      format: "pem",
    });
    await admin("PUT", path(), {
      alipay: {
        appId: ali.demo.appId,
        privateKeyPem: other.toString(),
        alipayPublicKeyPem: ali.demo.alipayPublicKeyPem,
        gatewayUrl: ali.gatewayUrl,
      },
    });
    const res = await admin("POST", `${path()}/check`, {});
    const f = res.body.findings.find((x: { check: string }) => x.check === "alipay.appKeyPair");
    expect(f.ok).toBe(false);
    expect(f.fix.zh).toContain("应用公钥");
  });

  it("the demo configures the simulator's app for every cinema, and again after the simulator's keys change", async () => {
    await admin("PUT", path(), { alipay: null });
    const box = new SecretBox(TEST_MASTER_KEY);
    const demo = await readDemoAlipay(ali.url, ali.demo.appId);
    const deps = { db: t.db, settings: t.catalog.settings, box };
    expect(await configureDemoAlipay(deps, demo)).toBeGreaterThanOrEqual(1);
    expect(await configureDemoAlipay(deps, demo)).toBe(0);
    const opened = openAlipay(storedOf((await t.catalog.settings.get(cinemaId)).document), box);
    expect(opened).toMatchObject({
      appId: ali.demo.appId,
      sellerId: ali.demo.sellerId,
      gatewayUrl: ali.gatewayUrl,
      privateKeyPem: ali.demo.privateKeyPem,
    });
    const res = await admin("POST", `${path()}/check`, {});
    expect(
      res.body.findings.filter((f: { check: string; ok: boolean }) => f.check.startsWith("alipay.") && !f.ok),
    ).toEqual([]);
  });
});
