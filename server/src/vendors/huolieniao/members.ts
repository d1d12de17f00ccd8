import { fail, ok, type Result } from "../../domain/errors.js";
import { fenToYuan } from "../../domain/money.js";
import type { Clock } from "../../domain/time.js";
import type { VendorTransport } from "../transport.js";
import { memberEncrypt, memberSign } from "./member-signing.js";

/**
 * 火烈鸟 1.5's member-card API (public-refs §6.4; a 火烈鸟 extension, not the 2013 standard): JSON
 * answers to form POSTs at `{base}/{action}`, signed with `sign`, card passwords AES-encrypted.
 * Connector level only: no simulator speaks it and no order step uses it yet (docs, "Member cards").
 *
 * Inferred, because public-refs shows no account for it: the base is the ticket service's
 * `…/webservice/pay` (§6.1 names that path for the member service), and `channelCode` is the account's
 * Username. Only `resultCode`/`msg` of the answers are known; the rest is returned as received.
 */
export const MEMBER_PATH = "/scts.service/webservice/pay";

export type MemberAnswer = Readonly<Record<string, unknown>>;

const pad = (n: number) => String(n).padStart(2, "0");
/** `yyyy-MM-dd HH:mm:ss` China time. */
function requestDate(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** One line of `orders`: `showCode:seatCode:price:fee` (yuan). */
export interface MemberOrderLine {
  showCode: string;
  seatCode: string;
  priceFen: number;
  feeFen: number;
}

export class HuolieniaoMembers {
  constructor(
    private readonly transport: VendorTransport,
    private readonly baseUrl: string,
    private readonly channelCode: string,
    private readonly channelKey: string | undefined,
    private readonly clock: Clock,
  ) {}

  private path(action: string): string {
    const prefix = new URL(this.baseUrl).pathname
      .replace(/\/+$/, "")
      .replace(/\/scts\.service\/webservice\/query$/, "");
    return `${prefix}${MEMBER_PATH}/${action}`;
  }

  /** Card by number, password encrypted (never sent or recorded in the clear). */
  private card(key: string, cardCode: string, password: string) {
    const encrypted = memberEncrypt(password, key);
    return { params: { cardCode, password: encrypted }, mask: [password, encrypted] };
  }

  private async call(
    action: string,
    params: Record<string, string>,
    money: boolean,
    mask: string[] = [],
  ): Promise<Result<MemberAnswer>> {
    if (!this.channelKey)
      return fail(
        "config_error",
        "火烈鸟 member-card calls need the account's memberKey (会员接口渠道密钥)",
        "no_member_key",
      );
    const all = { ...params, channelCode: this.channelCode, requestDate: requestDate(this.clock.now()) };
    const body = new URLSearchParams({ ...all, sign: memberSign(all, this.channelKey) }).toString();
    const sent = await this.transport.send({
      call: `huolieniao.member.${action}`,
      method: "POST",
      path: this.path(action),
      body,
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      mask,
    });
    if (!sent.ok) return { ok: false, error: sent.error };
    const failWith = (
      code: "vendor_unavailable" | "outcome_unknown" | "auth_failed",
      vendorCode: string,
      message: string,
    ) => {
      sent.finish({ outcome: code, vendorCode });
      return { ok: false as const, error: { code, vendorCode, message, callId: sent.callId } };
    };
    let json: unknown;
    try {
      json = JSON.parse(sent.body);
    } catch {
      return failWith(
        money ? "outcome_unknown" : "vendor_unavailable",
        `http_${sent.status}`,
        `unreadable answer to ${action}`,
      );
    }
    const answer = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
    const code = String(answer.resultCode ?? "");
    const msg = String(answer.msg ?? "");
    if (code === "")
      return failWith(money ? "outcome_unknown" : "vendor_unavailable", "no_result_code", `${action}: no resultCode`);
    if (code !== "000") {
      // No member code table is published: a signature or key text is auth_failed, anything else the vendor's failure.
      const auth = /签名|sign|密钥|渠道/i.test(msg);
      return failWith(auth ? "auth_failed" : "vendor_unavailable", code, msg || `resultCode ${code}`);
    }
    sent.finish({ outcome: "ok", vendorCode: code });
    return ok(answer);
  }

  /** queryCardInfo.json: the card's details and balance as 火烈鸟 returns them. */
  cardInfo(cardCode: string, password: string): Promise<Result<MemberAnswer>> {
    if (!this.channelKey) return this.call("queryCardInfo.json", {}, false);
    const c = this.card(this.channelKey, cardCode, password);
    return this.call("queryCardInfo.json", c.params, false, c.mask);
  }

  /** cardRecharge.json: `amount` in yuan; our order number as channelOrderNo and platformOrderNo. */
  recharge(cardCode: string, password: string, amountFen: number, orderNo: string): Promise<Result<MemberAnswer>> {
    if (!this.channelKey) return this.call("cardRecharge.json", {}, true);
    const c = this.card(this.channelKey, cardCode, password);
    const params = { ...c.params, amount: fenToYuan(amountFen), channelOrderNo: orderNo, platformOrderNo: orderNo };
    return this.call("cardRecharge.json", params, true, c.mask);
  }

  /** queryPriceByOderNo.json (sic): the card price of a locked order. */
  priceOfOrder(orderNo: string): Promise<Result<MemberAnswer>> {
    return this.call("queryPriceByOderNo.json", { orderNo }, false);
  }

  /** orderConfirm.json: pays a locked order by card; its MemberPayOrderCode feeds DMemberSubmitOrder. */
  payOrder(
    cardCode: string,
    password: string,
    orderNo: string,
    lines: readonly MemberOrderLine[],
  ): Promise<Result<MemberAnswer>> {
    if (!this.channelKey) return this.call("orderConfirm.json", {}, true);
    const c = this.card(this.channelKey, cardCode, password);
    const orders = lines
      .map((l) => `${l.showCode}:${l.seatCode}:${fenToYuan(l.priceFen)}:${fenToYuan(l.feeFen)}`)
      .join(",");
    return this.call("orderConfirm.json", { ...c.params, orderNo, orders }, true, c.mask);
  }

  /** orderRefund.json: returns a card payment. */
  refundOrder(orderNo: string): Promise<Result<MemberAnswer>> {
    return this.call("orderRefund.json", { orderNo }, true);
  }
}
