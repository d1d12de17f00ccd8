import { startWechatPaySimulator } from "../../../simulators/src/wechatpay/index.js";
import { WechatPayV2 } from "../../src/payments/wechat-v2/client.js";
import { type PaymentHarness, runPaymentContract } from "../contract/payment-contract.js";
import { simulatorControls } from "./wechatpay-sim-controls.js";

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
        ...simulatorControls(sim),
      };
    },
  };
}

runPaymentContract(fixture("HMAC-SHA256"));
runPaymentContract(fixture("MD5"));
