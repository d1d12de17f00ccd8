import { generateKeyPairSync } from "node:crypto";
import { startAlipaySimulator } from "../../../simulators/src/alipay/index.js";
import { AlipayClient } from "../../src/payments/alipay/client.js";
import { type PaymentHarness, runPaymentContract } from "../contract/payment-contract.js";
import { alipayControl, openCashier } from "./alipay-sim-controls.js";

/** The shared payment contract against the Alipay simulator over loopback HTTP (payments.md §4). */
runPaymentContract({
  name: "Alipay WAP",
  async start(): Promise<PaymentHarness> {
    const sim = await startAlipaySimulator();
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const clock = { now: () => sim.state.now() };
    const control = (method: string, path: string, body?: unknown) => alipayControl(sim, method, path, body);
    return {
      openid: "",
      calls: { create: "alipay.trade.wap.pay", query: "alipay.trade.query" },
      responseSignatureFaults: ["wrong_key"],
      createdAtCashier: true,
      // §4: the first retry is 4 minutes after a failed attempt.
      firstRetryMs: 4 * 60_000,
      refundRefusalCode: "ACQ.SELLER_BALANCE_NOT_ENOUGH",
      refundNotifies: false,
      provider: (variant = "ok") =>
        new AlipayClient(
          {
            appId: sim.demo.appId,
            privateKeyPem: variant === "ok" ? sim.demo.privateKeyPem : stranger,
            alipayPublicKeyPem: sim.demo.alipayPublicKeyPem,
            gatewayUrl: sim.gatewayUrl,
          },
          { clock, timeoutMs: 3000 },
        ),
      now: () => sim.state.now(),
      buyer: async (outTradeNo, action, payParams) => {
        // The browser brings the pay URL to the cashier; then the buyer acts there.
        if (payParams) await openCashier(payParams);
        await control("POST", `/trades/${outTradeNo}/buyer`, { action });
      },
      advance: async (ms) => {
        await control("POST", "/clock/advance", { ms });
      },
      paymentFaults: async (patch) => {
        await control("PUT", "/payment-faults", patch);
      },
      apiFaults: async (patch) => {
        await control("PUT", "/faults", patch);
      },
      resetFaults: async () => {
        await control("POST", "/faults/reset", {});
      },
      close: () => sim.close(),
    };
  },
});
