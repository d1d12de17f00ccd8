import { randomBytes } from "node:crypto";
import { CompiledQuery } from "kysely";
import type PgBoss from "pg-boss";
import { request } from "undici";
import type { Db } from "../db/database.js";
import { isHiddenFromChannel } from "../domain/order-states.js";
import { toChinaIso } from "../domain/time.js";
import type { OrderRow } from "../orders/order-store.js";
import { toApiOrder } from "../orders/order-view.js";
import { signChannelRequest } from "../security/channel-signature.js";
import { newId } from "../security/ids.js";
import type { ChannelStore } from "./channels.js";

/** The queue's name predates other events; renaming it would strand jobs queued before a deploy. */
const WEBHOOK_QUEUE = "order-webhook";

/** Most showtimes one `showtime.price_changed` delivery lists; a bigger change is split. */
export const MAX_SHOWTIMES_PER_DELIVERY = 500;

export interface PriceChangedShowtime {
  id: string;
  cinemaId: string;
  startsAt: string;
  oldSaleFen: number;
  newSaleFen: number;
  /** Priced areas whose price changed, when any did. */
  areas?: Array<{ areaId: string; oldSaleFen: number; newSaleFen: number }>;
}

/** One pricing-rule change as the channels whose showtimes it reprices see it. */
export interface PriceChange {
  changedAt: number;
  /** The rules changed: one, or several for a bulk enable/disable. */
  ruleIds: string[];
  /** Per channel code, its showtimes whose sale price changed. */
  byChannel: ReadonlyMap<string, PriceChangedShowtime[]>;
}

const notifiers = new WeakMap<Db, WebhookNotifier>();

/**
 * The started notifier for a database, if this node runs one (the job queue is started by the
 * platform; the admin routes are built elsewhere and reach it here, as they reach `pricingFor`).
 */
export function webhooksFor(db: Db): WebhookNotifier | undefined {
  return notifiers.get(db);
}

/**
 * Channel webhooks (API.md): each event goes to the channel's URL as `{ event, ... }`, signed
 * exactly like a channel request (X-Channel-Code, X-Timestamp, X-Nonce, X-Signature over POST, the
 * URL's path and the body) so a channel verifies it with the code it already has. Delivered by
 * pg-boss with exponential backoff until a 2xx. Events: `order.updated` on every order state
 * change, `showtime.price_changed` when a pricing rule change reprices the channel's showtimes.
 */
export class WebhookNotifier {
  constructor(
    private readonly db: Db,
    private readonly boss: PgBoss,
    private readonly channels: ChannelStore,
    private readonly now: () => number,
  ) {}

  async start(): Promise<void> {
    notifiers.set(this.db, this);
    await this.boss.createQueue(WEBHOOK_QUEUE, {
      name: WEBHOOK_QUEUE,
      retryLimit: 20,
      retryDelay: 5,
      retryBackoff: true,
    });
    await this.boss.work<{ deliveryId: string }>(WEBHOOK_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
      if (job) await this.deliver(job.data.deliveryId);
    });
  }

  /** Called for every committed order change; never throws into the order path. */
  async orderChanged(order: OrderRow): Promise<void> {
    const channel = await this.db
      .selectFrom("channels")
      .select(["id", "code", "webhook_url"])
      .where("id", "=", order.channel_id)
      .executeTakeFirst();
    if (!channel?.webhook_url || isHiddenFromChannel(order.status)) return;
    const id = newId("whk");
    const body = JSON.stringify({ event: "order.updated", order: toApiOrder(order) });
    await this.db
      .insertInto("webhook_deliveries")
      .values({
        id,
        event: "order.updated",
        order_id: order.id,
        channel_id: channel.id,
        url: channel.webhook_url,
        status: "pending",
        body,
      })
      .execute();
    await this.boss.send(WEBHOOK_QUEUE, { deliveryId: id });
  }

  /**
   * Queues `showtime.price_changed` for each channel with a webhook URL and a repriced showtime:
   * one delivery per channel, split every MAX_SHOWTIMES_PER_DELIVERY showtimes, all rows and jobs
   * in one transaction (a failure queues none of them). Answers the delivery ids.
   */
  async priceChanged(change: PriceChange): Promise<string[]> {
    const codes = [...change.byChannel.entries()].filter(([, list]) => list.length > 0).map(([code]) => code);
    if (codes.length === 0) return [];
    const channels = await this.db
      .selectFrom("channels")
      .select(["id", "code", "webhook_url"])
      .where("code", "in", codes)
      .where("active", "=", true)
      .where("webhook_url", "is not", null)
      .execute();
    // China time with its offset, as every time in the channel API is written.
    const changedAt = toChinaIso(change.changedAt);
    const ruleId = change.ruleIds.length === 1 ? { ruleId: change.ruleIds[0] } : {};
    const rows = channels.flatMap((c) => {
      const list = change.byChannel.get(c.code) ?? [];
      const parts: PriceChangedShowtime[][] = [];
      for (let i = 0; i < list.length; i += MAX_SHOWTIMES_PER_DELIVERY)
        parts.push(list.slice(i, i + MAX_SHOWTIMES_PER_DELIVERY));
      return parts.map((showtimes, i) => ({
        id: newId("whk"),
        event: "showtime.price_changed",
        order_id: null,
        channel_id: c.id,
        url: c.webhook_url!,
        status: "pending" as const,
        body: JSON.stringify({
          event: "showtime.price_changed",
          changedAt,
          ...ruleId,
          ruleIds: change.ruleIds,
          part: i + 1,
          parts: parts.length,
          showtimes,
        }),
      }));
    });
    if (rows.length === 0) return [];
    // Rows and their jobs commit together (pg-boss lives in our database): no row waits for a job
    // that was never queued, and no job points at a row that was never written.
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("webhook_deliveries").values(rows).execute();
      const db = {
        executeSql: async (text: string, values: unknown[]) => ({
          rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[],
        }),
      };
      for (const r of rows) await this.boss.send(WEBHOOK_QUEUE, { deliveryId: r.id }, { db });
    });
    return rows.map((r) => r.id);
  }

  async deliver(deliveryId: string): Promise<void> {
    const d = await this.db
      .selectFrom("webhook_deliveries")
      .innerJoin("channels", "channels.id", "webhook_deliveries.channel_id")
      .select([
        "webhook_deliveries.id",
        "webhook_deliveries.url",
        "webhook_deliveries.body",
        "webhook_deliveries.status",
        "channels.code",
      ])
      .where("webhook_deliveries.id", "=", deliveryId)
      .executeTakeFirst();
    if (!d || d.status === "delivered") return;
    const channel = await this.channels.findByCode(d.code);
    if (!channel) return;
    const url = new URL(d.url);
    const timestamp = String(this.now());
    const nonce = randomBytes(12).toString("base64url");
    const signature = signChannelRequest({
      secret: channel.secret,
      method: "POST",
      pathWithQuery: url.pathname + url.search,
      timestamp,
      nonce,
      body: d.body,
    });
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await request(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-channel-code": d.code,
          "x-timestamp": timestamp,
          "x-nonce": nonce,
          "x-signature": signature,
        },
        body: d.body,
        headersTimeout: 5000,
        bodyTimeout: 5000,
      });
      status = res.statusCode;
      await res.body.dump();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const delivered = status !== undefined && status >= 200 && status < 300;
    await this.db
      .updateTable("webhook_deliveries")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        last_status_code: status ?? null,
        last_error: error ?? (delivered ? null : `HTTP ${status}`),
        status: delivered ? "delivered" : "pending",
        delivered_at: delivered ? new Date(this.now()) : null,
      }))
      .where("id", "=", deliveryId)
      .execute();
    // Throwing hands the retry (with backoff) to pg-boss.
    if (!delivered) throw new Error(`webhook ${deliveryId} not accepted: ${error ?? `HTTP ${status}`}`);
  }
}
