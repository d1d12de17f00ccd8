import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningAlipay, startAlipaySimulator } from "../../../simulators/src/alipay/index.js";
import { checkAlipayConfig } from "../../src/payments/check.js";
import type { OpenedAlipayConfig } from "../../src/payments/config.js";
import { alipayControl } from "./alipay-sim-controls.js";

/** The Alipay findings of the payment-config check, against the simulator over loopback HTTP. */
describe("Alipay configuration check", () => {
  let sim: RunningAlipay;
  let good: OpenedAlipayConfig;
  const run = (c: OpenedAlipayConfig) =>
    checkAlipayConfig(c, { clock: { now: () => sim.state.now() }, notifyUrl: "http://127.0.0.1:9/n", timeoutMs: 2000 });
  const failed = (f: Awaited<ReturnType<typeof run>>) => f.filter((x) => !x.ok);
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const otherPrivate = other.privateKey.export({ type: "pkcs8", format: "pem" }).toString();

  beforeAll(async () => {
    sim = await startAlipaySimulator();
    good = {
      appId: sim.demo.appId,
      privateKeyPem: sim.demo.privateKeyPem,
      alipayPublicKeyPem: sim.demo.alipayPublicKeyPem,
      gatewayUrl: sim.gatewayUrl,
    };
  });
  afterAll(() => sim.close());
  beforeEach(() => alipayControl(sim, "POST", "/faults/reset", {}));

  it("passes a correct app: keys parse, the gateway answers, the key pair matches, a 1-fen trade is made and closed", async () => {
    const f = await run(good);
    expect(failed(f)).toEqual([]);
    expect(f.map((x) => x.check)).toEqual([
      "alipay.appId",
      "alipay.sellerId",
      "alipay.privateKey",
      "alipay.alipayPublicKey",
      "alipay.gateway",
      "alipay.appKeyPair",
      "alipay.testTrade",
    ]);
    for (const x of f) expect(x.message.zh.length > 0 && x.message.en.length > 0).toBe(true);
  });

  it("accepts Alipay's bare base64 keys (no PEM headers)", async () => {
    const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    const f = await run({
      ...good,
      privateKeyPem: bare(good.privateKeyPem!),
      alipayPublicKeyPem: bare(good.alipayPublicKeyPem!),
    });
    expect(failed(f)).toEqual([]);
  });

  it("the seller PID: optional (the first notice fixes it), well formed passes, malformed or the APPID fails", async () => {
    const unset = (await run(good)).find((x) => x.check === "alipay.sellerId")!;
    expect(unset.ok).toBe(true);
    expect(unset.message.zh).toContain("第一条");
    expect(failed(await run({ ...good, sellerId: sim.demo.sellerId }))).toEqual([]);
    for (const wrong of [good.appId, "2088123", "1088101000000001"]) {
      const f = failed(await run({ ...good, sellerId: wrong }));
      expect(f.map((x) => x.check)).toEqual(["alipay.sellerId"]);
      expect(f[0]!.fix!.zh).toContain("2088");
    }
    expect(failed(await run({ ...good, sellerId: good.appId }))[0]!.message.zh).toContain("APPID");
  });

  it("the merchant PID entered as the APPID", async () => {
    const f = failed(await run({ ...good, appId: "2088101000000001" }));
    expect(f[0]).toMatchObject({ check: "alipay.appId" });
    expect(f[0]!.message.zh).toContain("PID");
    expect(f[0]!.fix!.zh).toContain("APPID");
  });

  it("a public key pasted as the private key, and the app's own public key as Alipay's", async () => {
    let f = failed(await run({ ...good, privateKeyPem: sim.demo.appPublicKeyPem }));
    expect(f.find((x) => x.check === "alipay.privateKey")!.message.zh).toContain("公钥");
    f = failed(await run({ ...good, alipayPublicKeyPem: sim.demo.appPublicKeyPem }));
    expect(f.find((x) => x.check === "alipay.alipayPublicKey")!.message.zh).toContain("应用公钥");
    // Neither makes a live call pointless without saying so.
    expect(f.find((x) => x.check === "alipay.gateway")!.message.zh).toContain("未联机检查");
  });

  it("a private key that is not the pair of the app public key on the platform: Alipay refuses our signature", async () => {
    const f = failed(await run({ ...good, privateKeyPem: otherPrivate }));
    expect(f.map((x) => x.check)).toEqual(["alipay.appKeyPair"]);
    expect(f[0]!.message.zh).toContain("不是一对");
    expect(f[0]!.fix!.zh).toContain("接口加签方式");
  });

  it("a wrong Alipay public key: the answer does not verify", async () => {
    const f = failed(
      await run({ ...good, alipayPublicKeyPem: other.publicKey.export({ type: "spki", format: "pem" }).toString() }),
    );
    expect(f.map((x) => x.check)).toEqual(["alipay.alipayPublicKey"]);
    expect(f[0]!.fix!.zh).toContain("支付宝公钥");
  });

  it("an unknown APPID, a gateway that does not answer, a missing key", async () => {
    let f = failed(await run({ ...good, appId: "2021999999999999" }));
    expect(f.map((x) => x.check)).toEqual(["alipay.appId"]);
    await alipayControl(sim, "PUT", "/faults", { calls: { "alipay.trade.query": { down: true } } });
    f = failed(await run(good));
    expect(f.map((x) => x.check)).toEqual(["alipay.gateway"]);
    await alipayControl(sim, "POST", "/faults/reset", {});
    const { privateKeyPem: _p, ...noKey } = good;
    f = failed(await run(noKey));
    expect(f.map((x) => x.check)).toEqual(["alipay.privateKey", "alipay.gateway"]);
  });

  it("a cashier that refuses the 1-fen trade is a testTrade finding", async () => {
    await alipayControl(sim, "PUT", "/faults", {
      calls: { "alipay.trade.wap.pay": { errorRate: 1 } },
    });
    const f = failed(await run(good));
    expect(f.map((x) => x.check)).toEqual(["alipay.testTrade"]);
    expect(f[0]!.message.zh).toContain("收银台拒绝");
  });
});
