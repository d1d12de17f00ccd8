import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebhookNotifier } from "../../src/channels/webhooks.js";
import { sweep } from "../../src/orders/runner.js";
import { DEMO_SECRET } from "../support/app.js";
import { expectedSignature, startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { createOrder, freeNormalSeats, type Json, type OrderWorld, orderWorld, sellableShowtime } from "./harness.js";

let w: OrderWorld;
let hook: WebhookReceiver;
let hookUrl: string;

beforeAll(async () => {
  w = await orderWorld("ykse");
  hook = await startWebhookReceiver();
  hook.failNext(1);
  hookUrl = `${hook.base}/cinegate/hook?v=1`;
  await w.t.db.updateTable("channels").set({ webhook_url: hookUrl }).where("code", "=", "demo").execute();
});
afterAll(async () => {
  hook?.close();
  await w?.close();
});

describe("order webhooks", () => {
  it("signs each delivery like a channel request and retries until a 2xx", async () => {
    const queued: string[] = [];
    const boss = {
      send: async (_q: string, data: { deliveryId: string }) => {
        queued.push(data.deliveryId);
        return "job";
      },
    } as unknown as PgBoss;
    const notifier = new WebhookNotifier(w.t.db, boss, w.t.channels, () => Date.now());
    const { showtime, seats } = await sellableShowtime(w);
    const created = await createOrder(w, showtime.id, [freeNormalSeats(seats, 1)[0].id]);
    const row = await w.t.orders.deps.orders.get(created.body.id);
    await notifier.orderChanged(row!);
    expect(queued.length).toBe(1);

    await expect(notifier.deliver(queued[0]!)).rejects.toThrow(/not accepted/);
    await notifier.deliver(queued[0]!);
    const delivery = await w.t.db
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("id", "=", queued[0]!)
      .executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2, last_status_code: 204 });

    const last = hook.received.at(-1)!;
    const payload = JSON.parse(last.body) as Json;
    expect(payload).toMatchObject({ event: "order.updated", order: { id: created.body.id, status: "LOCKED" } });
    expect(last.path).toBe("/cinegate/hook?v=1");
    expect(last.headers["x-signature"]).toBe(expectedSignature(last, DEMO_SECRET));
    expect(last.headers["x-channel-code"]).toBe("demo");
    expect(last.body).not.toContain("13912345678");
    // A delivered webhook is not sent again.
    const before = hook.received.length;
    await notifier.deliver(queued[0]!);
    expect(hook.received.length).toBe(before);
  });
});

describe("the sweeper", () => {
  it("clears an order a crash left in LOCKING: the hold goes, the seat can be sold", async () => {
    const { showtime, seats } = await sellableShowtime(w);
    const seat = freeNormalSeats(seats, 1, 5)[0];
    const created = await createOrder(w, showtime.id, [seat.id]);
    // Simulate the crash between the hold and the vendor lock's answer.
    await w.t.db.updateTable("orders").set({ status: "LOCKING" }).where("id", "=", created.body.id).execute();
    w.advance(3 * 60_000);
    const res = await sweep(w.t.orders.deps, w.t.orders.workflow, { schedule: async () => {} });
    expect(res.abandoned).toBe(1);
    const row = await w.t.orders.deps.orders.get(created.body.id);
    expect(row?.status).toBe("LOCK_FAILED");
    expect(
      await w.t.db.selectFrom("seat_holds").select("order_id").where("order_id", "=", created.body.id).execute(),
    ).toEqual([]);
    // Hidden from the channel: its create call never returned this order.
    expect((await w.api.get(`/v1/orders/${created.body.id}`)).status).toBe(404);
  });

  it("deletes failed lock attempts, with their history, once they are past the 30-day retention", async () => {
    const { showtime, seats } = await sellableShowtime(w);
    const lockFailed = async () =>
      (await w.t.db.selectFrom("orders").select("id").where("status", "=", "LOCK_FAILED").execute()).map((r) => r.id);
    const before = new Set(await lockFailed());
    w.sims.faults.ykse.update({ calls: { "ykse.partner.seat.lockSeats": { errorRate: 1 } } });
    const refused = await Promise.all(
      [9, 10].map((skip) => createOrder(w, showtime.id, [freeNormalSeats(seats, 1, skip)[0].id])),
    );
    w.sims.faults.ykse.reset();
    expect(refused.map((r) => r.status)).toEqual([503, 503]);
    const failed = (await lockFailed()).filter((id) => !before.has(id)).map((id) => ({ id }));
    expect(failed).toHaveLength(2);
    const [old, young] = failed.map((r) => r.id);
    const daysAgo = (d: number) => new Date(w.sims.clocks.ykse.now() - d * 24 * 3600_000);
    await w.t.db
      .updateTable("orders")
      .set({ updated_at: daysAgo(31) })
      .where("id", "=", old!)
      .execute();
    await w.t.db
      .updateTable("orders")
      .set({ updated_at: daysAgo(29) })
      .where("id", "=", young!)
      .execute();
    const calls = (id: string) =>
      w.t.db.selectFrom("order_vendor_calls").select("order_id").where("order_id", "=", id).execute();
    expect((await calls(old!)).length).toBeGreaterThan(0);

    const res = await sweep(w.t.orders.deps, w.t.orders.workflow, { schedule: async () => {} });
    expect(res.pruned).toBe(1);
    expect(await w.t.orders.deps.orders.get(old!)).toBeUndefined();
    expect(await calls(old!)).toEqual([]);
    expect(await w.t.db.selectFrom("order_events").select("id").where("order_id", "=", old!).execute()).toEqual([]);
    expect((await w.t.orders.deps.orders.get(young!))?.status).toBe("LOCK_FAILED");
  });

  it("re-queues a confirming order whose next step is overdue (a schedule lost in a crash)", async () => {
    const { showtime, seats } = await sellableShowtime(w);
    const created = await createOrder(w, showtime.id, [freeNormalSeats(seats, 1, 7)[0].id]);
    await w.api.post(
      `/v1/orders/${created.body.id}/confirm`,
      { paidFen: created.body.totalFen, payment: { method: "other", tradeNo: "t1" } },
      { "idempotency-key": `k-${created.body.id}` },
    );
    w.t.scheduled.splice(0);
    w.advance(5 * 60_000);
    const requeued: string[] = [];
    await w.t.db
      .updateTable("orders")
      .set({ updated_at: new Date(w.sims.clocks.ykse.now() - 5 * 60_000) })
      .where("id", "=", created.body.id)
      .execute();
    const res = await sweep(w.t.orders.deps, w.t.orders.workflow, { schedule: async (id) => void requeued.push(id) });
    expect(res.requeued).toBeGreaterThanOrEqual(1);
    expect(requeued).toContain(created.body.id);
  });
});
