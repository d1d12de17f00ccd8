import type { RunningWechatPay } from "../../../simulators/src/wechatpay/index.js";
import type { PaymentHarness } from "../contract/payment-contract.js";
import { simControl } from "./sim-control.js";

/** A control call to the WeChat Pay simulator. */
export const control = (sim: RunningWechatPay, method: string, path: string, body?: unknown): Promise<unknown> =>
  simControl(sim, method, path, body);

/** The parts of the contract harness that drive the simulator itself: the same for v3 and v2. */
export function simulatorControls(
  sim: RunningWechatPay,
): Pick<PaymentHarness, "now" | "buyer" | "advance" | "paymentFaults" | "apiFaults" | "resetFaults" | "close"> {
  return {
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
}
