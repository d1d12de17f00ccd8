import type { KeyObject } from "node:crypto";
import { seededRandom } from "../core/faults.js";
import type { PaySimContext } from "../pay-core/start.js";
import { nonce32, responseMessage, sign } from "./crypto.js";
import { type Merchant, Merchants, type PlatformIdentity, platformIdentity } from "./merchants.js";
import { Notifier } from "./notifier.js";
import { TradeBook } from "./trades.js";

/**
 * Payment-side faults beyond the shared FaultController (which gives 5xx, 429, slow, timeouts and
 * lost answers on the API calls): what happens to notifies and to signatures.
 */
export interface PaymentFaults {
  /** Share of notify attempts never sent (retried on the schedule). */
  notifyLostRate: number;
  /** Simulated ms before a notify's first attempt. */
  notifyDelayMs: number;
  /** How responses and notifies are signed: correctly, by a key WeChat does not have, a probe, a stale timestamp, an unknown serial. */
  signature: "ok" | "wrong_key" | "probe" | "stale" | "unknown_serial";
  /** Which answers the signature fault applies to. */
  signatureScope: "responses" | "notifies" | "both";
  /** Simulated ms a refund stays PROCESSING before it succeeds. */
  refundSettleMs: number;
  /** A code every refund is refused with (e.g. NOT_ENOUGH), or null. */
  refundRefusal: string | null;
}

export const defaultPaymentFaults = (): PaymentFaults => ({
  notifyLostRate: 0,
  notifyDelayMs: 0,
  signature: "ok",
  signatureScope: "both",
  refundSettleMs: 0,
  refundRefusal: null,
});

export type WechatPayContext = PaySimContext;

/** Everything one running WeChat Pay simulator holds. */
export class WechatPayState {
  readonly platform: PlatformIdentity;
  readonly merchants = new Merchants();
  readonly book = new TradeBook();
  readonly notifier: Notifier;
  paymentFaults: PaymentFaults = defaultPaymentFaults();

  constructor(readonly ctx: WechatPayContext) {
    this.platform = platformIdentity(ctx.clock.now());
    this.notifier = new Notifier(
      ctx.clock,
      () => ({ lostRate: this.paymentFaults.notifyLostRate, delayMs: this.paymentFaults.notifyDelayMs }),
      seededRandom(ctx.seed ?? 1),
    );
  }

  now(): number {
    return this.ctx.clock.now();
  }

  /**
   * The Wechatpay-* headers for a body (§1.4). `requested` is the request's Wechatpay-Serial (it
   * picks the key during a switch); otherwise the merchant's mode; the public key by default.
   */
  signatureHeaders(
    body: string,
    merchant: Merchant | undefined,
    requested: string | undefined,
    scope: "responses" | "notifies",
  ) {
    const f = this.paymentFaults;
    const faulty = f.signature !== "ok" && (f.signatureScope === "both" || f.signatureScope === scope);
    const usesCert =
      requested !== undefined
        ? requested.toUpperCase() === this.platform.certificateSerial
        : merchant?.signWith === "certificate";
    let serial = usesCert ? this.platform.certificateSerial : this.platform.publicKeyId;
    let timestamp = Math.floor(this.now() / 1000);
    let key: KeyObject = this.platform.pair.privateKey;
    if (faulty && f.signature === "wrong_key") key = this.platform.stranger.privateKey;
    if (faulty && f.signature === "stale") timestamp -= 600;
    if (faulty && f.signature === "unknown_serial") serial = "PUB_KEY_ID_0000000000000000000000000000";
    const nonce = nonce32();
    let signature = sign(key, responseMessage(String(timestamp), nonce, body));
    if (faulty && f.signature === "probe") signature = `WECHATPAY/SIGNTEST/${signature}`;
    return {
      "wechatpay-timestamp": String(timestamp),
      "wechatpay-nonce": nonce,
      "wechatpay-signature": signature,
      "wechatpay-serial": serial,
      "wechatpay-signature-type": "WECHATPAY2-SHA256-RSA2048",
    };
  }

  stop(): void {
    this.notifier.stop();
  }
}
