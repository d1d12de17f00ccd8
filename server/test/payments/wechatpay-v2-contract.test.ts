import { type RunningWechatPay, startWechatPaySimulator } from "../../../simulators/src/wechatpay/index.js";
import { WechatPayV2 } from "../../src/payments/wechat-v2/client.js";
import { type PaymentHarness, runPaymentContract } from "../contract/payment-contract.js";

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

/** The same contract as v3, through the simulator's v2 XML front door (payments.md §2). */
function fixture(signType: "MD5" | "HMAC-SHA256") {
  return {
    name: `WeChat Pay v2 (${signType})`,
    async start(): Promise<PaymentHarness> {
      const sim = await startWechatPaySimulator();
      const clock = { now: () => sim.state.now() };
      return {
        openid: sim.demo.openid,
        calls: { create: "v2.unifiedorder", query: "v2.orderquery" },
        responseSignatureFaults: ["wrong_key"],
        provider: (variant = "ok") =>
          new WechatPayV2(
            {
              appId: sim.demo.appId,
              mchId: sim.demo.mchId,
              apiKey: variant === "ok" ? sim.demo.apiKey : "a-wrong-api-key-00000000000000000",
              signType,
              merchantCertPem: sim.demo.merchantCertificatePem,
              merchantKeyPem: sim.demo.merchantPrivateKeyPem,
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

runPaymentContract(fixture("HMAC-SHA256"));
runPaymentContract(fixture("MD5"));
