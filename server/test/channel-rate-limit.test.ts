import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelStore } from "../src/channels/channels.js";
import { ChannelClient } from "../src/client/channel-client.js";
import { buildApp } from "../src/http/app.js";
import { AuditLog } from "../src/security/audit.js";
import { SecretBox } from "../src/security/secret-box.js";
import { DEMO_SECRET, startTestApp, TEST_ADMIN_TOKEN, TEST_MASTER_KEY, type TestApp } from "./support/app.js";
import { call } from "./support/console.js";

let t: TestApp;
let second: FastifyInstance;
let api: ChannelClient;
let secondUrl: string;

/** Another node: its own app, channel cache and batcher, on the same database and clock. */
async function startSecondNode(): Promise<{ app: FastifyInstance; url: string }> {
  const box = new SecretBox(TEST_MASTER_KEY);
  const app = await buildApp({
    db: t.db,
    channels: new ChannelStore(t.db, box),
    secretBox: box,
    audit: new AuditLog(t.db),
    catalog: t.catalog,
    orders: t.orders,
    adminToken: TEST_ADMIN_TOKEN,
    logLevel: "silent",
    now: () => t.clock.now,
  });
  return { app, url: await app.listen({ port: 0, host: "127.0.0.1" }) };
}

const admin = (method: string, path: string, body?: unknown) =>
  call(t.baseUrl, method, path, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });

let channelSeq = 0;
/** A fresh channel with the given limits, so each test starts with full buckets. */
async function channelWith(limits: unknown) {
  const code = `rl-${++channelSeq}`;
  const created = await admin("POST", "/admin/channels", { code, name: code });
  const set = await admin("PUT", `/admin/channels/${code}/rate-limits`, limits);
  expect(set.status).toBe(200);
  const now = () => t.clock.now;
  return {
    code,
    first: new ChannelClient({ baseUrl: t.baseUrl, channelCode: code, secret: created.body.secret, now }),
    other: new ChannelClient({ baseUrl: secondUrl, channelCode: code, secret: created.body.secret, now }),
  };
}

beforeAll(async () => {
  t = await startTestApp();
  const node = await startSecondNode();
  second = node.app;
  secondUrl = node.url;
  api = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "demo", secret: DEMO_SECRET, now: () => t.clock.now });
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

/** Statuses of n requests sent one after another. */
async function statuses(n: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send()).status);
  return out;
}

describe("per-channel rate limits on /v1 (API.md RATE_LIMITED)", () => {
  it("defaults to 300 req/s with a burst of 600, and the admin API lists each channel's limits", async () => {
    await admin("POST", "/admin/channels", { code: "rl-default", name: "default" });
    const list = await admin("GET", "/admin/channels");
    const ch = list.body.items.find((c: { code: string }) => c.code === "rl-default");
    expect(ch.rateLimits).toEqual({ all: { perSecond: 300, burst: 600 }, seatMap: null, create: null });
  });

  it("lets a burst through, then answers 429 problem+json with Retry-After until the bucket refills", async () => {
    const { first } = await channelWith({ all: { perSecond: 1, burst: 3 }, seatMap: null, create: null });
    expect(await statuses(3, () => first.get("/v1/cities"))).toEqual([200, 200, 200]);
    const refused = await first.get<Record<string, unknown>>("/v1/cities");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body).toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterSeconds: 1 });
    expect(refused.body.detail).toMatch(/^请求过于频繁/);

    t.clock.now += 999;
    expect((await first.get("/v1/cities")).status).toBe(429);
    t.clock.now += 1; // Retry-After said 1 s: one token has been added by now.
    expect((await first.get("/v1/cities")).status).toBe(200);
    expect((await first.get("/v1/cities")).status).toBe(429);
    t.clock.now += 10_000; // a long quiet spell refills up to the burst, not beyond
    expect(await statuses(4, () => first.get("/v1/cities"))).toEqual([200, 200, 200, 429]);
  });

  it("never lets more through than the bucket holds when requests arrive together", async () => {
    const { first } = await channelWith({ all: { perSecond: 1, burst: 5 }, seatMap: null, create: null });
    const results = (await Promise.all(Array.from({ length: 25 }, () => first.get("/v1/cities")))).map((r) => r.status);
    expect(results.filter((s) => s === 200)).toHaveLength(5);
    expect(results.filter((s) => s === 429)).toHaveLength(20);
  });

  it("a second node on the same database respects what the first consumed", async () => {
    const { first, other } = await channelWith({ all: { perSecond: 2, burst: 4 }, seatMap: null, create: null });
    expect(await statuses(3, () => first.get("/v1/cities"))).toEqual([200, 200, 200]);
    expect((await other.get("/v1/cities")).status).toBe(200);
    const refused = await other.get("/v1/cities");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await first.get("/v1/cities")).status).toBe(429);
    t.clock.now += 500;
    expect((await other.get("/v1/cities")).status).toBe(200);
    expect((await first.get("/v1/cities")).status).toBe(429);
  });

  it("seat maps and order creates have their own lower limits on top of the channel-wide one", async () => {
    const { first } = await channelWith({
      all: { perSecond: 100, burst: 100 },
      seatMap: { perSecond: 1, burst: 2 },
      create: { perSecond: 1, burst: 1 },
    });
    // A showtime that does not exist still costs the call its token: the limit comes before the route.
    expect(await statuses(2, () => first.get("/v1/showtimes/sho_none/seats"))).toEqual([404, 404]);
    const seatMap = await first.get("/v1/showtimes/sho_none/seats");
    expect(seatMap.status).toBe(429);
    expect(seatMap.headers.get("retry-after")).toBe("1");
    const order = { showtimeId: "sho_none", seatIds: ["s1"], mobile: "13800138000" };
    const create = () => first.post("/v1/orders", order, { "idempotency-key": `k-${Math.random()}` });
    expect((await create()).status).not.toBe(429);
    expect((await create()).status).toBe(429);
    expect((await first.get("/v1/cities")).status).toBe(200);
    t.clock.now += 1000;
    expect((await first.get("/v1/showtimes/sho_none/seats")).status).toBe(404);
    expect((await create()).status).not.toBe(429);
  });

  it("a changed limit applies on this node at once", async () => {
    const { code, first } = await channelWith({ all: { perSecond: 1, burst: 1 }, seatMap: null, create: null });
    expect(await statuses(2, () => first.get("/v1/cities"))).toEqual([200, 429]);
    await admin("PUT", `/admin/channels/${code}/rate-limits`, {
      all: { perSecond: 1, burst: 10 },
      seatMap: null,
      create: null,
    });
    t.clock.now += 3000;
    expect(await statuses(4, () => first.get("/v1/cities"))).toEqual([200, 200, 200, 429]);
  });

  it("refuses a separate limit above the channel-wide one, naming the field, and audits the change", async () => {
    const { code } = await channelWith({ all: null, seatMap: null, create: null });
    const res = await admin("PUT", `/admin/channels/${code}/rate-limits`, {
      all: { perSecond: 10, burst: 20 },
      seatMap: { perSecond: 50, burst: 20 },
      create: null,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: "/seatMap/perSecond", message: "must not exceed the channel-wide 10" }]);
    const rows = await t.db
      .selectFrom("audit_log")
      .select(["target", "detail"])
      .where("action", "=", "channel.rate-limits")
      .where("target", "=", code)
      .execute();
    expect(rows.map((r) => (r.detail as { outcome: unknown }).outcome)).toEqual([
      { status: 200 },
      { status: 400, error: "VALIDATION_FAILED" },
    ]);
  });

  it("the demo channel of the test world is not limited by its standing clock", async () => {
    expect(await statuses(50, () => api.get("/v1/cities"))).toEqual(Array(50).fill(200));
  });
});
