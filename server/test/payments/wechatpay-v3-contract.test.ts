import { generateKeyPairSync } from "node:crypto";
import { type RunningWechatPay, startWechatPaySimulator } from "../../../simulators/src/wechatpay/index.js";
import { WechatPayV3 } from "../../src/payments/wechat-v3/client.js";
import { type PaymentHarness, runPaymentContract } from "../contract/payment-contract.js";

/** Control calls to the simulator, over HTTP like everything else. */
async function control(sim: RunningWechatPay, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.url}/_control${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

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
        now: () => sim.state.now(),
        buyer: async (outTradeNo, action) => {
          await control(sim, "POST", `/trades/${outTradeNo}/buyer`, { action });
        },
        advance: async (ms) => {
          await control(sim, "POST", "/clock/advance", { ms });
        },
        paymentFaults: async (patch) => {
          await control(sim, "PUT", "/payment-faults", patch);
        },
        apiFaults: async (patch) => {
          await control(sim, "PUT", "/faults", patch);
        },
        resetFaults: async () => {
          await control(sim, "POST", "/faults/reset", {});
        },
        close: () => sim.close(),
      };
    },
  };
}

runPaymentContract(fixture("public_key"));
runPaymentContract(fixture("certificate"));
