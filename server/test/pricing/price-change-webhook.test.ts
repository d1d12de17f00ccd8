import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SHOWTIMES_PER_DELIVERY, WebhookNotifier } from "../../src/channels/webhooks.js";
import { ChannelClient } from "../../src/client/channel-client.js";
import { type Json, type OrderWorld, orderWorld, sellableShowtime } from "../orders/harness.js";
import { DEMO_SECRET, TEST_ADMIN_TOKEN } from "../support/app.js";
import { call } from "../support/console.js";
import { expectedSignature, startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";

// `showtime.price_changed` end to end: admin rule changes over HTTP, deliveries over HTTP to a
// loopback receiver, checked against what each channel's catalogue shows before and after.
let w: OrderWorld;
let hook: WebhookReceiver;
let showtime: Json;
let farCinemaId: string;
/** Answers 500 to this many more requests on a path before accepting. */
const queued: string[] = [];
let sendFails = 0;
/** The showtime's demo sale price while the first rule is on. */
let ruledDemo: number;
let notifier: WebhookNotifier;

const APP_SECRET = "app-secret-for-webhook-tests-0123";
const admin = (method: string, path: string, body?: unknown) =>
  call(w.t.baseUrl, method, path, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
const dayOf = (iso: string) => new Date(new Date(iso).getTime() + 2 * 3600_000).toISOString().slice(0, 10);
const saleOf = async (client: ChannelClient, s: Json) => {
  const res = await client.get<Json>(`/v1/cinemas/${s.cinemaId}/showtimes?date=${dayOf(s.startsAt)}&pageSize=200`);
  return (res.body.items as Json[]).find((x) => x.id === s.id).price.saleFen as number;
};
/** Delivers every queued job once (as pg-boss's worker would), keeping those not accepted. */
const deliverQueued = async () => {
  const again: string[] = [];
  for (const id of queued.splice(0)) await notifier.deliver(id).catch(() => again.push(id));
  queued.push(...again);
};
const hooksTo = (path: string) => hook.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Json);

beforeAll(async () => {
  w = await orderWorld("ykse");
  ({ showtime } = await sellableShowtime(w, 6));
  hook = await startWebhookReceiver();

  // demo and app sell the rule's cinema and listen; mute sells it without a URL; far listens but sells another cinema.
  await w.t.db
    .updateTable("channels")
    .set({ webhook_url: `${hook.base}/demo` })
    .where("code", "=", "demo")
    .execute();
  for (const [code, cinemas, webhookUrl] of [
    ["app", [w.cinemaId], `${hook.base}/app`],
    ["mute", [w.cinemaId], undefined],
    ["far", [], `${hook.base}/far`],
  ] as const) {
    const res = await admin("POST", "/admin/channels", {
      code,
      name: code,
      secret: APP_SECRET,
      cinemas,
      ...(webhookUrl ? { webhookUrl } : {}),
    });
    expect(res.status).toBe(201);
  }
  const account = await w.t.db
    .selectFrom("vendor_accounts")
    .select("id")
    .where("name", "=", "orders-ykse")
    .executeTakeFirstOrThrow();
  const other = w.sims.dataset.cinemas.filter((c) => c.vendor === "ykse")[1]!;
  const far = await admin("POST", "/admin/cinemas", {
    vendorAccountId: account.id,
    vendorCinemaId: other.internalCode,
    channels: ["far"],
  });
  expect(far.status).toBe(201);
  farCinemaId = far.body.id;

  // The app runs no job queue in tests: this stand-in records what would be queued.
  const boss = {
    createQueue: async () => {},
    work: async () => "worker",
    send: async (_q: string, data: { deliveryId: string }) => {
      if (sendFails-- > 0) throw new Error("queue unavailable");
      queued.push(data.deliveryId);
      return "job";
    },
  } as unknown as PgBoss;
  notifier = new WebhookNotifier(w.t.db, boss, w.t.channels, () => w.sims.clocks.ykse.now());
  await notifier.start();
}, 180_000);
afterAll(async () => {
  hook?.close();
  await w?.close();
});

describe("showtime.price_changed", () => {
  let ruleId: string;
  const app = () => new ChannelClient({ baseUrl: w.t.baseUrl, channelCode: "app", secret: APP_SECRET });

  it("a new rule sends each listening channel of the cinema one signed delivery with old and new prices", async () => {
    const oldDemo = await saleOf(w.api, showtime);
    const oldApp = await saleOf(app(), showtime);
    hook.failNext(1, "/demo");
    const res = await admin("POST", "/admin/pricing-rules", {
      name: "webhook rule",
      enabled: true,
      scope: { cinemaIds: [w.cinemaId], channels: ["demo", "app", "mute"] },
      price: { base: "list", op: "add", valueFen: 700 },
    });
    expect(res.status).toBe(201);
    ruleId = res.body.id;
    const newDemo = await saleOf(w.api, showtime);
    expect(newDemo).not.toBe(oldDemo);
    ruledDemo = newDemo;

    const rows = await w.t.db
      .selectFrom("webhook_deliveries")
      .innerJoin("channels", "channels.id", "webhook_deliveries.channel_id")
      .select(["channels.code", "webhook_deliveries.event", "webhook_deliveries.order_id"])
      .where("webhook_deliveries.event", "=", "showtime.price_changed")
      .execute();
    expect(rows.map((r) => r.code).sort()).toEqual(["app", "demo"]);
    expect(rows.every((r) => r.order_id === null)).toBe(true);
    expect(queued).toHaveLength(2);

    await deliverQueued();
    // demo's receiver answered 500 first: the job stays queued and is retried.
    expect(queued).toHaveLength(1);
    await deliverQueued();
    expect(queued).toHaveLength(0);

    const demoHooks = hooksTo("/demo");
    expect(demoHooks).toHaveLength(2);
    expect(demoHooks[0]).toEqual(demoHooks[1]);
    const payload = demoHooks[1];
    expect(payload).toMatchObject({ event: "showtime.price_changed", ruleId, ruleIds: [ruleId], part: 1, parts: 1 });
    expect(Number.isNaN(Date.parse(payload.changedAt))).toBe(false);
    expect(payload.showtimes.length).toBeGreaterThan(0);
    expect(payload.showtimes.every((s: Json) => s.cinemaId === w.cinemaId && s.oldSaleFen !== s.newSaleFen)).toBe(true);
    const { areas, ...mine } = payload.showtimes.find((s: Json) => s.id === showtime.id);
    expect(mine).toEqual({
      id: showtime.id,
      cinemaId: w.cinemaId,
      startsAt: showtime.startsAt,
      oldSaleFen: oldDemo,
      newSaleFen: newDemo,
    });
    // Which showtime is first on sale depends on the hour; an area-priced one also lists each area's
    // old price and its new one, which the seat map now shows.
    expect((areas ?? []).length).toBe((showtime.areaPrices ?? []).length);
    const mapAreas = (await w.api.get<Json>(`/v1/showtimes/${showtime.id}/seats`)).body.areas as Json[];
    for (const a of areas ?? []) {
      expect(a.newSaleFen).toBe(mapAreas.find((m) => m.id === a.areaId)?.saleFen);
      expect(a.newSaleFen).toBeGreaterThan(a.oldSaleFen);
    }
    const appMine = hooksTo("/app")[0].showtimes.find((s: Json) => s.id === showtime.id);
    expect(appMine).toMatchObject({ oldSaleFen: oldApp, newSaleFen: await saleOf(app(), showtime) });

    // Signed like a channel request, with the receiving channel's own secret.
    for (const [path, code, secret] of [
      ["/demo", "demo", DEMO_SECRET],
      ["/app", "app", APP_SECRET],
    ] as const) {
      const last = hook.received.filter((r) => r.path === path).at(-1)!;
      expect(last.headers["x-channel-code"]).toBe(code);
      expect(last.headers["x-signature"]).toBe(expectedSignature(last, secret));
    }
    const delivered = await w.t.db
      .selectFrom("webhook_deliveries")
      .select(["status", "attempts", "last_status_code"])
      .where("event", "=", "showtime.price_changed")
      .orderBy("attempts")
      .execute();
    expect(delivered).toEqual([
      { status: "delivered", attempts: 1, last_status_code: 204 },
      { status: "delivered", attempts: 2, last_status_code: 204 },
    ]);
    // Nothing for the channel without a URL, nor for the one whose cinema the rule does not touch.
    expect(hooksTo("/far")).toEqual([]);
    expect(farCinemaId).not.toBe(w.cinemaId);
  });

  it("disabling the rule tells the same channels the prices went back", async () => {
    const before = await saleOf(w.api, showtime);
    const sent = hook.received.length;
    const res = await admin("POST", `/admin/pricing-rules/${ruleId}/disable`);
    expect(res.status).toBe(200);
    await deliverQueued();
    const fresh = hook.received.slice(sent).map((r) => ({ path: r.path, body: JSON.parse(r.body) as Json }));
    expect(fresh.map((r) => r.path).sort()).toEqual(["/app", "/demo"]);
    const mine = fresh.find((r) => r.path === "/demo")!.body.showtimes.find((s: Json) => s.id === showtime.id);
    expect(mine).toMatchObject({ oldSaleFen: before, newSaleFen: await saleOf(w.api, showtime) });
    expect(mine.newSaleFen).not.toBe(before);
  });

  it("a rule on another cinema reaches only the channel that sells it", async () => {
    const sent = hook.received.length;
    const res = await admin("POST", "/admin/pricing-rules", {
      name: "far rule",
      enabled: true,
      scope: { cinemaIds: [farCinemaId] },
      price: { base: "list", op: "add", valueFen: 300 },
    });
    expect(res.status).toBe(201);
    await deliverQueued();
    const fresh = hook.received.slice(sent);
    expect(fresh.map((r) => r.path)).toEqual(["/far"]);
    const payload = JSON.parse(fresh[0]!.body) as Json;
    expect(payload.ruleId).toBe(res.body.id);
    expect(payload.showtimes.length).toBeGreaterThan(0);
    expect(payload.showtimes.every((s: Json) => s.cinemaId === farCinemaId)).toBe(true);
    expect(await admin("DELETE", `/admin/pricing-rules/${res.body.id}`)).toMatchObject({ status: 204 });
    await deliverQueued();
    expect(hook.received.slice(sent).map((r) => r.path)).toEqual(["/far", "/far"]);
  });

  it("a webhook that cannot be queued does not fail the rule change", async () => {
    sendFails = 5;
    const res = await admin("POST", `/admin/pricing-rules/${ruleId}/enable`);
    sendFails = 0;
    expect(res.status).toBe(200);
    expect(res.body.enabled).toBe(true);
    // The rules changed all the same: the catalogue shows the rule's price again.
    expect(await saleOf(w.api, showtime)).toBe(ruledDemo);
  });

  it("a bulk change is one delivery per channel, naming every rule it switched", async () => {
    const other = await admin("POST", "/admin/pricing-rules", {
      name: "app extra",
      enabled: false,
      priority: 5,
      scope: { cinemaIds: [w.cinemaId], channels: ["app"] },
      price: { base: "list", op: "add", valueFen: 900 },
    });
    expect(other.status).toBe(201);
    const before = await saleOf(w.api, showtime);
    const sent = hook.received.length;
    const res = await admin("POST", "/admin/pricing-rules/bulk", { ids: [ruleId, other.body.id], enabled: true });
    expect(res.status).toBe(200);
    expect(res.body.updated.sort()).toEqual([ruleId, other.body.id].sort());
    await deliverQueued();
    const fresh = hook.received.slice(sent).map((r) => ({ path: r.path, body: JSON.parse(r.body) as Json }));
    expect(fresh.map((r) => r.path).sort()).toEqual(["/app"]);
    const payload = fresh[0]!.body;
    expect(payload.ruleId).toBeUndefined();
    expect(payload.ruleIds.sort()).toEqual([ruleId, other.body.id].sort());
    const mine = payload.showtimes.find((s: Json) => s.id === showtime.id);
    expect(mine.newSaleFen).toBe(await saleOf(app(), showtime));
    // demo's price did not move (the first rule was already on; the other is app's alone).
    expect(await saleOf(w.api, showtime)).toBe(before);
  });

  it("splits a change over more showtimes than one delivery lists", async () => {
    const showtimes = Array.from({ length: 2 * MAX_SHOWTIMES_PER_DELIVERY + 1 }, (_, i) => ({
      id: `sho_${i}`,
      cinemaId: w.cinemaId,
      startsAt: showtime.startsAt,
      oldSaleFen: 4000,
      newSaleFen: 4100,
    }));
    const ids = await notifier.priceChanged({
      changedAt: w.sims.clocks.ykse.now(),
      ruleIds: ["prr_a", "prr_b"],
      byChannel: new Map([
        ["demo", showtimes],
        ["mute", showtimes],
      ]),
    });
    expect(ids).toHaveLength(3);
    const bodies = (await w.t.db.selectFrom("webhook_deliveries").select("body").where("id", "in", ids).execute()).map(
      (r) => JSON.parse(r.body) as Json,
    );
    expect(bodies.map((b) => [b.part, b.parts, b.showtimes.length]).sort()).toEqual([
      [1, 3, 500],
      [2, 3, 500],
      [3, 3, 1],
    ]);
    // A bulk change names its rules; no single ruleId.
    expect(bodies.every((b) => b.ruleId === undefined && b.ruleIds.length === 2)).toBe(true);
    queued.splice(0);
  });
});
