import type { RunningAlipay } from "../../../simulators/src/alipay/index.js";
import type { PayParams } from "../../src/payments/provider.js";
import { simControl } from "./sim-control.js";

/** A control call to the Alipay simulator. */
export const alipayControl = (sim: RunningAlipay, method: string, path: string, body?: unknown): Promise<unknown> =>
  simControl(sim, method, path, body);

/** The buyer's browser opens the pay URL (the cashier page); a refusal page throws with its text. */
export async function openCashier(payParams: PayParams | undefined): Promise<string> {
  if (payParams?.kind !== "redirect") throw new Error("Alipay pays through a redirect URL");
  const res = await fetch(payParams.url);
  const text = await res.text();
  if (!res.ok) throw new Error(`the cashier refused: ${res.status} ${text.replace(/<[^>]+>/g, " ").trim()}`);
  return text;
}
