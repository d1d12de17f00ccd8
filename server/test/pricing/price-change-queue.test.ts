import { sql } from "kysely";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelStore } from "../../src/channels/channels.js";
import { WebhookNotifier } from "../../src/channels/webhooks.js";
import type { Db } from "../../src/db/database.js";
import { startBoss } from "../../src/jobs/boss.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { TEST_MASTER_KEY } from "../support/app.js";
import { createTestDatabase } from "../support/db.js";
import { expectedSignature, startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

// `showtime.price_changed` on the real job queue: rows and jobs commit together, pg-boss's worker
// delivers, and a 500 from the receiver is retried with backoff until it answers 2xx.
let t: { db: Db; url: string; drop(): Promise<void> };
let boss: PgBoss;
let hook: WebhookReceiver;
const SECRET = "queue-test-secret-0123456789abcdef";

beforeAll(async () => {
  t = await createTestDatabase();
  boss = await startBoss(t.url);
  hook = await startWebhookReceiver();
  hook.failNext(1);
}, 60_000);
afterAll(async () => {
  hook?.close();
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
  await t?.drop();
});

describe("showtime.price_changed on pg-boss", () => {
  it("is queued with its row in one transaction, delivered signed, and retried after a 500", async () => {
    const url = `${hook.base}/hooks/price`;
    const channels = new ChannelStore(t.db, new SecretBox(TEST_MASTER_KEY));
    await channels.create({ code: "qch", name: "Queue channel", secret: SECRET, webhookUrl: url });
    const notifier = new WebhookNotifier(t.db, boss, channels, () => Date.now());
    await notifier.start();
    const showtimes = [
      { id: "sho_1", cinemaId: "cin_1", startsAt: "2026-12-05T19:30:00+08:00", oldSaleFen: 4500, newSaleFen: 5200 },
    ];
    const [id] = await notifier.priceChanged({
      changedAt: Date.now(),
      ruleIds: ["prr_1"],
      byChannel: new Map([["qch", showtimes]]),
    });
    expect(id).toBeDefined();
    const jobs = await sql<{ n: number }>`
      select count(*)::int as n from pgboss.job where name = 'order-webhook' and data->>'deliveryId' = ${id}`.execute(
      t.db,
    );
    expect(jobs.rows[0]?.n).toBe(1);

    const started = Date.now();
    let row = { status: "pending", attempts: 0 };
    while (row.status !== "delivered" && Date.now() - started < 40_000) {
      await new Promise((r) => setTimeout(r, 250));
      row = await t.db
        .selectFrom("webhook_deliveries")
        .select(["status", "attempts"])
        .where("id", "=", id!)
        .executeTakeFirstOrThrow();
    }
    expect(row.status).toBe("delivered");
    const last = hook.received.at(-1)!;
    expect(JSON.parse(last.body)).toMatchObject({ event: "showtime.price_changed", ruleId: "prr_1", showtimes });
    expect(hook.received.filter((r) => r.body === last.body).length).toBeGreaterThanOrEqual(2);
    expect(last.path).toBe("/hooks/price");
    expect(last.headers["x-signature"]).toBe(expectedSignature(last, SECRET));
  }, 60_000);
});
