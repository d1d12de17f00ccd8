import type { RunningWechatPay } from "../../../simulators/src/wechatpay/index.js";
import type { PaymentHarness } from "../contract/payment-contract.js";

/** A control call to the WeChat Pay simulator, over HTTP like everything else. */
export async function control(sim: RunningWechatPay, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.url}/_control${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

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
