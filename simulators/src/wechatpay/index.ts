import Fastify, { type FastifyInstance } from "fastify";
import { listenPaySim, paySimContext } from "../pay-core/start.js";
import { registerWechatPayControl } from "./control.js";
import { wechatpaySimulator } from "./descriptor.js";
import { OAuthApps, registerOAuth } from "./oauth.js";
import { registerPaySheet } from "./pay-sheet.js";
import { type WechatPayContext, WechatPayState } from "./state.js";
import type { Trade } from "./trades.js";
import { queuePaymentNotifyV2, queueRefundNotifyV2, registerV2 } from "./v2-routes.js";
import { queuePaymentNotify, queueRefundNotify, registerV3 } from "./v3-routes.js";

export { wechatpaySimulator } from "./descriptor.js";
export type { WechatPayContext } from "./state.js";

/**
 * The WeChat Pay simulator (payments.md §1.11): API v3 (JSON) at the root path, its own keys made
 * at start, a demo merchant whose credentials the control API hands out, and notifies delivered on
 * the documented schedule by the injected clock.
 */
export async function createWechatPaySimulator(
  ctx: WechatPayContext,
  demo?: { mchId: string; appId: string; apiV3Key: string; apiKey: string; openid: string; appSecret?: string },
): Promise<{ app: FastifyInstance; state: WechatPayState; oauth: OAuthApps }> {
  const state = new WechatPayState(ctx);
  // The simulated WeChat beside the payments: 公众号 OAuth and the JSAPI pay sheet.
  const oauth = new OAuthApps();
  if (demo) {
    state.merchants.issue(demo, ctx.clock.now());
    if (demo.appSecret) oauth.register(demo.appId, demo.appSecret);
  }
  const app = Fastify({ logger: ctx.logger ?? false });
  // Signatures cover the exact bytes: every body is kept raw and parsed by the handlers.
  app.addContentTypeParser(
    ["application/json", "text/xml", "application/xml"],
    { parseAs: "string" },
    (_req, body, done) => done(null, body),
  );
  registerV3(app, state);
  registerV2(app, state);
  const onPaid = (t: Trade, times: number) =>
    t.api === "v2" ? queuePaymentNotifyV2(state, t, times) : queuePaymentNotify(state, t, times);
  registerWechatPayControl(app, state, onPaid, oauth);
  registerOAuth(app, state, oauth);
  registerPaySheet(app, state, (t) => onPaid(t, 1));
  // Refunds settle on simulated time even when nobody asks.
  const settle = setInterval(() => {
    for (const r of state.book.settleRefunds(state.now())) {
      queueRefundNotify(state, r);
      queueRefundNotifyV2(state, r);
    }
  }, 25);
  settle.unref();
  app.addHook("onClose", async () => {
    clearInterval(settle);
    state.stop();
  });
  return { app, state, oauth };
}

export interface RunningWechatPay {
  url: string;
  state: WechatPayState;
  /** The demo merchant's credentials (its key pair was generated at start). */
  demo: NonNullable<ReturnType<WechatPayState["merchants"]["issued"]["get"]>>;
  close(): Promise<void>;
}

/** Starts the simulator on loopback with the demo merchant; tests and the demo start-up use it. */
export async function startWechatPaySimulator(
  opts: { port?: number; host?: string; ctx?: Partial<WechatPayContext> } = {},
): Promise<RunningWechatPay> {
  const demoAccount = wechatpaySimulator.demoAccount;
  const { app, state } = await createWechatPaySimulator(paySimContext(opts.ctx), demoAccount);
  const url = await listenPaySim(app, opts);
  const demo = state.merchants.issued.get(demoAccount.mchId);
  if (!demo) throw new Error("the demo merchant was not issued");
  return { url, state, demo, close: () => app.close() };
}
