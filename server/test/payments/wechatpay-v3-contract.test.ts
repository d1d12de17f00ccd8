import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningWechatPay, startWechatPaySimulator } from "../../../simulators/src/wechatpay/index.js";
import { WechatPayV3 } from "../../src/payments/wechat-v3/client.js";
import { type PaymentHarness, runPaymentContract } from "../contract/payment-contract.js";
import { control, simulatorControls } from "./wechatpay-sim-controls.js";

/**
 * `mode` is how WeChat's answers are verified (payments.md §1.5): with the WeChat Pay public key
 * (PUB_KEY_ID_…) or with the platform certificate; the simulated merchant is switched to match, so
 * each run proves the provider verifies with exactly the one key it was given.
 */
function fixture(mode: "public_key" | "certificate") {
  return {
    name: `WeChat Pay v3 (${mode === "public_key" ? "WeChat Pay public key" : "platform certificate"})`,
    async start(): Promise<PaymentHarness> {
      const sim = await startWechatPaySimulator();
      const platform = (await control(sim, "GET", "/platform")) as {
        publicKeyId: string;
        publicKeyPem: string;
        certificateSerial: string;
        certificatePem: string;
      };
      await control(sim, "PATCH", `/merchants/${sim.demo.mchId}`, { signWith: mode });
      const platformKeys =
        mode === "public_key"
          ? { [platform.publicKeyId]: platform.publicKeyPem }
          : { [platform.certificateSerial]: platform.certificatePem };
      const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 })
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString();
      const clock = { now: () => sim.state.now() };
      return {
        openid: sim.demo.openid,
        calls: { create: "jsapi", query: "query" },
        responseSignatureFaults: ["wrong_key", "stale", "probe"],
        provider: (variant = "ok") =>
          new WechatPayV3(
            {
              appId: sim.demo.appId,
              mchId: sim.demo.mchId,
              apiV3Key: sim.demo.apiV3Key,
              merchantSerialNo: sim.demo.merchantSerialNo,
              merchantPrivateKeyPem: variant === "ok" ? sim.demo.merchantPrivateKeyPem : stranger,
              platformKeys,
              apiBaseUrl: sim.url,
            },
            { clock, timeoutMs: 3000 },
          ),
        ...simulatorControls(sim),
      };
    },
  };
}

runPaymentContract(fixture("public_key"));
runPaymentContract(fixture("certificate"));

describe("WeChat Pay v3 platform certificate download (payments.md §1.1, §1.5)", () => {
  let sim: RunningWechatPay;
  const make = (apiV3Key: string) =>
    new WechatPayV3(
      {
        appId: sim.demo.appId,
        mchId: sim.demo.mchId,
        apiV3Key,
        merchantSerialNo: sim.demo.merchantSerialNo,
        merchantPrivateKeyPem: sim.demo.merchantPrivateKeyPem,
        platformKeys: {},
        apiBaseUrl: sim.url,
      },
      { clock: { now: () => sim.state.now() }, timeoutMs: 3000 },
    );
  beforeAll(async () => {
    sim = await startWechatPaySimulator();
    await control(sim, "PATCH", `/merchants/${sim.demo.mchId}`, { signWith: "certificate" });
  });
  afterAll(() => sim.close());

  it("starts with no key, downloads and decrypts the certificate, then verifies answers with it", async () => {
    const p = make(sim.demo.apiV3Key);
    try {
      // A successful answer cannot be trusted yet (errors are acted on unverified: they only make us query).
      const before = await p.create({
        outTradeNo: "CGCERT000001",
        description: "票",
        amountFen: 1,
        openid: sim.demo.openid,
        expiresAt: sim.state.now() + 600_000,
        notifyUrl: "http://127.0.0.1:9/notify",
      });
      expect(before.ok ? "ok" : before.error.code).toBe("bad_signature");
      const got = await p.downloadPlatformCertificates();
      const platform = (await control(sim, "GET", "/platform")) as { certificateSerial: string };
      expect(got).toEqual({ ok: true, value: [platform.certificateSerial] });
      const after = await p.query("CGCERT000001");
      expect(after.ok ? after.value.state : after.error.code).toBe("pending");
    } finally {
      await p.dispose();
    }
  });

  it("a wrong APIv3 key cannot decrypt the certificates: bad_signature, nothing added", async () => {
    const p = make("X".repeat(32));
    try {
      const got = await p.downloadPlatformCertificates();
      expect(got.ok ? "ok" : got.error.code).toBe("bad_signature");
      expect(p.platformKeys.size).toBe(0);
    } finally {
      await p.dispose();
    }
  });
});
