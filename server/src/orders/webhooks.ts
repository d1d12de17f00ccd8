import { randomBytes } from "node:crypto";
import type PgBoss from "pg-boss";
import { request } from "undici";
import type { ChannelStore } from "../channels/channels.js";
import type { Db } from "../db/database.js";
import { isHiddenFromChannel } from "../domain/order-states.js";
import { signChannelRequest } from "../security/channel-signature.js";
import { newId } from "../security/ids.js";
import type { OrderRow } from "./order-store.js";
import { toApiOrder } from "./order-view.js";

const WEBHOOK_QUEUE = "order-webhook";

/**
 * Order webhooks (API.md): on every state change the channel's URL gets
 * `{ event: "order.updated", order }`, signed exactly like a channel request (X-Channel-Code,
 * X-Timestamp, X-Nonce, X-Signature over POST, the URL's path and the body) so a channel verifies
 * it with the code it already has. Delivered by pg-boss with exponential backoff until a 2xx.
 */
export class WebhookNotifier {
  constructor(
    private readonly db: Db,
    private readonly boss: PgBoss,
    private readonly channels: ChannelStore,
    private readonly now: () => number,
  ) {}

  async start(): Promise<void> {
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
      .values({ id, order_id: order.id, channel_id: channel.id, url: channel.webhook_url, status: "pending", body })
      .execute();
    await this.boss.send(WEBHOOK_QUEUE, { deliveryId: id });
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
