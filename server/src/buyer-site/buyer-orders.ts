import { DomainError } from "../domain/domain-error.js";
import { isHiddenFromChannel } from "../domain/order-states.js";
import { toChinaIso } from "../domain/time.js";
import type { OrderService } from "../orders/order-service.js";
import type { OrderRow } from "../orders/order-store.js";
import { toApiOrder } from "../orders/order-view.js";
import type { BuyerSession } from "./buyer-sessions.js";
import { type BuyerSite, siteChannelCode } from "./sites.js";

/** Why the refund button is not shown (the page says it in words). */
export type RefundRefusal = "not_issued" | "too_late";

export interface CreateInput {
  showtimeId: string;
  seatIds: string[];
  mobile: string;
}

const channelOf = (site: BuyerSite) => ({ id: site.channelId, code: siteChannelCode(site.cinemaId) });

/**
 * The buyer's orders on one cinema's site. Orders are made through the ordinary order service on
 * the site's built-in channel (so pricing, webhooks and the console see a channel order), and each
 * is filed under the buyer's openid HMAC: a buyer sees only their own, anything else is not found.
 */
export class BuyerOrders {
  constructor(private readonly orders: OrderService) {}

  private get db() {
    return this.orders.deps.db;
  }

  /**
   * Locks the seats. The page sends one key per selection, so a double tap (or a retry after a
   * lost answer) is the same order; the key is scoped to the buyer so two buyers never collide.
   */
  async create(site: BuyerSite, buyer: BuyerSession, clientKey: string, body: CreateInput) {
    const key = `h5:${buyer.openidKey.slice(0, 16)}:${clientKey}`;
    const res = await this.orders.create(channelOf(site), key, body);
    const order = res.body as { id: string };
    await this.db
      .insertInto("buyer_orders")
      .values({ order_id: order.id, cinema_id: site.cinemaId, openid_key: buyer.openidKey })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { statusCode: res.statusCode, body: await this.view(await this.owned(site, buyer, order.id)) };
  }

  /** The buyer's own order, or NOT_FOUND (the same answer as for an id that does not exist). */
  async owned(site: BuyerSite, buyer: BuyerSession, orderId: string): Promise<OrderRow> {
    const mine = await this.db
      .selectFrom("buyer_orders")
      .select("order_id")
      .where("order_id", "=", orderId)
      .where("cinema_id", "=", site.cinemaId)
      .where("openid_key", "=", buyer.openidKey)
      .executeTakeFirst();
    const row = mine ? await this.orders.deps.orders.get(orderId) : undefined;
    if (!row || row.channel_id !== site.channelId || isHiddenFromChannel(row.status)) {
      throw new DomainError("NOT_FOUND", `order ${orderId} not found`);
    }
    return row;
  }

  /** The buyer's orders, newest first. */
  async mine(site: BuyerSite, buyer: BuyerSession) {
    const rows = await this.db
      .selectFrom("buyer_orders")
      .innerJoin("orders", "orders.id", "buyer_orders.order_id")
      .selectAll("orders")
      .where("buyer_orders.cinema_id", "=", site.cinemaId)
      .where("buyer_orders.openid_key", "=", buyer.openidKey)
      .where("orders.status", "not in", ["LOCKING", "LOCK_FAILED"])
      .orderBy("orders.created_at", "desc")
      .limit(50)
      .execute();
    return { items: await Promise.all(rows.map((r) => this.view(r))) };
  }

  /** Starts (or re-opens) the WeChat payment: the JSAPI parameters with their paySign. */
  async pay(site: BuyerSite, buyer: BuyerSession, orderId: string, clientIp: string) {
    const row = await this.owned(site, buyer, orderId);
    const payments = this.orders.deps.payments;
    if (!payments) {
      throw new DomainError("CONFLICT", "该影院暂不支持微信支付 / this cinema cannot take WeChat payment right now", {
        reason: "payment_unavailable",
      });
    }
    return payments.startPayment(row.id, { method: "wechat", openid: buyer.openid, clientIp });
  }

  /** Asks for a refund under the cinema's rules (the order service says why when it refuses). */
  async refund(site: BuyerSite, buyer: BuyerSession, orderId: string) {
    const row = await this.owned(site, buyer, orderId);
    await this.orders.refund(channelOf(site), row.id, `h5-refund:${row.id}`.slice(0, 64), { reason: "buyer" });
    return this.view(await this.owned(site, buyer, orderId));
  }

  /** The order as the buyer's pages show it: the channel view plus film, hall, time and refund hint. */
  async view(row: OrderRow) {
    const info = await this.db
      .selectFrom("showtimes")
      .innerJoin("films", "films.id", "showtimes.film_id")
      .innerJoin("halls", "halls.id", "showtimes.hall_id")
      .innerJoin("cinemas", "cinemas.id", "showtimes.cinema_id")
      .select([
        "films.title",
        "films.poster",
        "halls.name as hall",
        "showtimes.starts_at",
        "showtimes.language",
        "showtimes.version",
        "cinemas.refund_before_minutes",
      ])
      .where("showtimes.id", "=", row.showtime_id)
      .executeTakeFirst();
    const payment = this.orders.deps.payments
      ? (await this.orders.deps.payments.store.forOrder(row.id)).at(-1)
      : undefined;
    const refusal = this.refundRefusal(row, info?.starts_at, info?.refund_before_minutes ?? null);
    return {
      ...toApiOrder(row),
      film: info ? { title: info.title, poster: info.poster ?? null } : null,
      hall: info?.hall ?? null,
      startsAt: info ? toChinaIso(info.starts_at.getTime()) : null,
      language: info?.language ?? null,
      version: info?.version ?? null,
      payment: payment ? { state: payment.state, outTradeNo: payment.out_trade_no } : null,
      refund: refusal
        ? { allowed: false, reason: refusal, beforeShowMinutes: info?.refund_before_minutes ?? 0 }
        : { allowed: true, beforeShowMinutes: info?.refund_before_minutes ?? 0 },
    };
  }

  /**
   * Whether the page offers a refund: an issued order before the cinema's refund deadline. The
   * vendor's own refusals (no refunds, printed tickets) come back when the buyer asks.
   */
  private refundRefusal(row: OrderRow, startsAt: Date | undefined, beforeMin: number | null): RefundRefusal | null {
    if (row.status !== "ISSUED") return "not_issued";
    const now = this.orders.deps.clock.now();
    if (!startsAt || now > startsAt.getTime() - (beforeMin ?? 0) * 60_000) return "too_late";
    return null;
  }
}
