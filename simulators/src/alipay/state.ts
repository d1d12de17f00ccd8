import { randomBytes } from "node:crypto";
import type { PaySimContext } from "../pay-core/start.js";
import { type AlipayIdentity, Apps } from "./apps.js";
import { chinaTime, content, NOTIFY_DROP, rsaPair, sign, yuan } from "./crypto.js";
import { Notifier } from "./notifier.js";
import { type Trade, TradeBook } from "./trades.js";

/**
 * Payment-side faults beyond the shared FaultController (which gives 5xx, 429, slow answers,
 * timeouts and lost answers per gateway method): notifies and signatures.
 */
export interface AlipayFaults {
  /** Share of notify attempts never sent (they are retried on the schedule). */
  notifyLostRate: number;
  /** Simulated ms before a notify's first attempt. */
  notifyDelayMs: number;
  /** "wrong_key": signed by a key Alipay's published public key does not match. */
  signature: "ok" | "wrong_key";
  signatureScope: "responses" | "notifies" | "both";
  /** A sub_code every refund is refused with (e.g. ACQ.SELLER_BALANCE_NOT_ENOUGH), or null. */
  refundRefusal: string | null;
}

export const defaultAlipayFaults = (): AlipayFaults => ({
  notifyLostRate: 0,
  notifyDelayMs: 0,
  signature: "ok",
  signatureScope: "both",
  refundRefusal: null,
});

export type AlipayContext = PaySimContext;

export class AlipayState {
  readonly alipay: AlipayIdentity = { pair: rsaPair(), stranger: rsaPair() };
  readonly apps = new Apps(this.alipay);
  readonly book = new TradeBook();
  readonly notifier: Notifier;
  paymentFaults: AlipayFaults = defaultAlipayFaults();

  constructor(readonly ctx: AlipayContext) {
    this.notifier = new Notifier(
      ctx.clock,
      () => ({ lostRate: this.paymentFaults.notifyLostRate, delayMs: this.paymentFaults.notifyDelayMs }),
      ctx.seed ?? 1,
    );
  }

  now(): number {
    return this.ctx.clock.now();
  }

  /** Alipay's signing key for this kind of message, or the stranger's under the wrong-key fault. */
  signingKey(scope: "responses" | "notifies") {
    const f = this.paymentFaults;
    const faulty = f.signature === "wrong_key" && (f.signatureScope === "both" || f.signatureScope === scope);
    return (faulty ? this.alipay.stranger : this.alipay.pair).privateKey;
  }

  /** `{"<method>_response":{…},"sign":"…"}`, the sign over the exact inner text (§4). */
  answer(method: string, inner: Record<string, unknown>): string {
    const text = JSON.stringify(inner);
    const name = method === "error" ? "error_response" : `${method.replace(/\./g, "_")}_response`;
    return `{"${name}":${text},"sign":"${sign(text, this.signingKey("responses"))}"}`;
  }

  /** Queues the trade_status_sync notify; `times` 2 is "pays twice": the same notify_id delivered twice. */
  queueNotify(t: Trade, times = 1): void {
    const url = t.order.notifyUrl;
    if (!url) return;
    const notifyId = randomBytes(16).toString("hex");
    const app = this.apps.get(t.order.appId);
    // The notify tells of this event: a retry a day later still says what happened then.
    const status = t.status;
    for (let i = 0; i < times; i++) {
      this.notifier.schedule({
        appId: t.order.appId,
        outTradeNo: t.order.outTradeNo,
        notifyId,
        tradeStatus: status,
        url,
        render: (now) => {
          const p: Record<string, string> = {
            notify_time: chinaTime(now),
            notify_type: "trade_status_sync",
            notify_id: notifyId,
            app_id: t.order.appId,
            charset: "utf-8",
            version: "1.0",
            sign_type: "RSA2",
            trade_no: t.tradeNo,
            out_trade_no: t.order.outTradeNo,
            trade_status: status,
            total_amount: yuan(t.order.totalFen),
            receipt_amount: yuan(t.order.totalFen),
            buyer_pay_amount: yuan(t.order.totalFen),
            buyer_id: t.buyerId ?? "",
            seller_id: app?.sellerId ?? "",
            subject: t.order.subject,
            gmt_create: chinaTime(t.gmtCreate),
            gmt_payment: t.gmtPayment !== undefined ? chinaTime(t.gmtPayment) : "",
            passback_params: t.order.passbackParams ?? "",
          };
          for (const k of Object.keys(p)) if (p[k] === "") delete p[k];
          p.sign = sign(content(p, NOTIFY_DROP), this.signingKey("notifies"));
          return new URLSearchParams(p).toString();
        },
      });
    }
  }

  stop(): void {
    this.notifier.stop();
  }
}
