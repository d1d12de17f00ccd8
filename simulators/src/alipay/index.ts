import Fastify, { type FastifyInstance } from "fastify";
import { listenPaySim, paySimContext } from "../pay-core/start.js";
import type { AppCredentials } from "./apps.js";
import { registerAlipayControl } from "./control.js";
import { alipaySimulator } from "./descriptor.js";
import { registerGateway } from "./gateway.js";
import { type AlipayContext, AlipayState } from "./state.js";

export { alipaySimulator } from "./descriptor.js";
export type { AlipayContext } from "./state.js";

/**
 * The Alipay simulator (payments.md §4): `/gateway.do` (the WAP cashier by GET, `exec` calls by
 * form POST), its own RSA key made at start, a demo app whose key pair it also makes, and trade
 * notifies on Alipay's retry schedule by the injected clock.
 */
export async function createAlipaySimulator(
  ctx: AlipayContext,
  demo?: { appId: string; sellerId: string },
): Promise<{ app: FastifyInstance; state: AlipayState }> {
  const state = new AlipayState(ctx);
  if (demo) state.apps.issue(demo);
  const app = Fastify({ logger: ctx.logger ?? false });
  // Signatures cover exact values: form bodies are kept raw and parsed by the handlers.
  app.addContentTypeParser(
    ["application/x-www-form-urlencoded", "application/json"],
    { parseAs: "string" },
    (_req, body, done) => done(null, body),
  );
  registerGateway(app, state);
  registerAlipayControl(app, state);
  app.addHook("onClose", async () => state.stop());
  return { app, state };
}

export interface RunningAlipay {
  url: string;
  /** The gateway a client is configured with: `${url}/gateway.do`. */
  gatewayUrl: string;
  state: AlipayState;
  /** The demo app's credentials (its key pair was generated at start). */
  demo: AppCredentials;
  close(): Promise<void>;
}

/** Starts the simulator on loopback with the demo app; tests and the demo start-up use it. */
export async function startAlipaySimulator(
  opts: { port?: number; host?: string; ctx?: Partial<AlipayContext> } = {},
): Promise<RunningAlipay> {
  const { app, state } = await createAlipaySimulator(paySimContext(opts.ctx), alipaySimulator.demoAccount);
  const url = await listenPaySim(app, opts);
  const demo = state.apps.issued.get(alipaySimulator.demoAccount.appId);
  if (!demo) throw new Error("the demo app was not issued");
  return { url, gatewayUrl: `${url}/gateway.do`, state, demo, close: () => app.close() };
}
