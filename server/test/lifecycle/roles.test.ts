import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Env, loadEnv } from "../../src/config/env.js";
import type { Db } from "../../src/db/database.js";
import { startBoss } from "../../src/jobs/boss.js";
import { type Platform, startPlatform } from "../../src/platform.js";
import { createTestDatabase } from "../support/db.js";

/**
 * Roles in-process on one database: an API node serves HTTP and consumes no job; a worker node
 * serves no API, answers /readyz on its small listener and consumes the jobs an API node queued.
 * Then the graceful stop: a job step in flight finishes; one that outlives pg-boss's grace is
 * handed back to the queue (failed for retry), and the node still stops within its deadline.
 */
let t: Awaited<ReturnType<typeof createTestDatabase>>;
let producer: PgBoss;
const started: Platform[] = [];
const masterKey = randomBytes(32).toString("hex");
/** The queues every worker node consumes today (catalogue sync, order workflow, webhooks, voucher activations). */
const CORE_QUEUES = [
  "catalog-syncs",
  "catalog-sync-tick",
  "order-steps",
  "order-sweep",
  "order-webhook",
  "voucher-steps",
  "voucher-sweep",
];

function envFor(role: string): Env {
  return loadEnv({
    DATABASE_URL: t.url,
    CINEGATE_MASTER_KEY: masterKey,
    CINEGATE_DEMO: "false",
    CINEGATE_ROLE: role,
    PORT: "0",
    METRICS_PORT: "0",
    LOG_LEVEL: "silent",
  });
}

async function start(role: string): Promise<Platform> {
  const p = await startPlatform(envFor(role));
  started.push(p);
  return p;
}

async function jobState(db: Db, id: string): Promise<string | undefined> {
  const { rows } = await sql<{ state: string }>`select state from pgboss.job where id = ${id}`.execute(db);
  return rows[0]?.state;
}

beforeAll(async () => {
  t = await createTestDatabase();
  producer = await startBoss(t.url, () => {}, { maintenance: false });
});

afterAll(async () => {
  for (const p of started) await p.stop();
  await producer?.stop({ graceful: false });
  await t?.drop();
});

describe("process roles", () => {
  it("api serves HTTP and consumes no job; worker serves no API, answers /readyz and consumes what was queued", async () => {
    const api = await start("api");
    expect(api.role).toBe("api");
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${api.url}/v1/cities`)).status).toBe(401); // the channel API is there (unsigned → 401)
    expect(api.jobs.consuming).toEqual([]);
    // At least these; a queue added later must be declined too (compared with the worker's below).
    for (const q of CORE_QUEUES) expect(api.jobs.declined).toContain(q);
    // An API node may still queue work: here a sweep, as any enqueue from a request would.
    const jobId = await api.boss.send("order-sweep", {});
    expect(jobId).toBeTruthy();

    const worker = await start("worker");
    expect(worker.app).toBeUndefined();
    expect(worker.url).toBeUndefined();
    for (const q of CORE_QUEUES) expect(worker.jobs.consuming).toContain(q);
    expect(new Set(worker.jobs.consuming)).toEqual(new Set(api.jobs.declined));
    expect(worker.jobs.declined).toEqual([]);
    expect((await fetch(`${worker.healthUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${worker.healthUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    expect(await (await fetch(worker.metricsUrl)).text()).toContain("cinegate_vendor_call_duration_seconds");
    // The sweep the API node queued is consumed by the worker.
    await expect.poll(() => jobState(t.db, jobId!), { timeout: 15_000, interval: 200 }).toBe("completed");

    await api.stop();
    await worker.stop();
  }, 40_000);

  it("graceful stop: a step in flight finishes; a step past pg-boss's grace is handed back; both within the deadline", async () => {
    const worker = await start("worker");
    await producer.createQueue("test-slow-step", { name: "test-slow-step", retryLimit: 3 });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let began!: () => void;
    const running = new Promise<void>((r) => {
      began = r;
    });
    let finished = 0;
    await worker.boss.work("test-slow-step", { pollingIntervalSeconds: 0.5 }, async () => {
      began();
      await gate;
      finished++;
    });
    const finishing = await producer.send("test-slow-step", {});
    await running;
    const stopping = worker.shutdown({ deadlineMs: 10_000 });
    release(); // the step ends while the node is stopping: it must be allowed to
    const outcome = await stopping;
    expect(outcome.ok).toBe(true);
    expect(finished).toBe(1);
    expect(await jobState(t.db, finishing!)).toBe("completed");

    // A step that never ends: pg-boss fails it when its grace (¾ of the deadline) ends, so it is
    // retried elsewhere, and the node still stops before its deadline.
    const second = await start("worker");
    let stuckBegan!: () => void;
    const stuck = new Promise<void>((r) => {
      stuckBegan = r;
    });
    await second.boss.work("test-slow-step", { pollingIntervalSeconds: 0.5 }, async () => {
      stuckBegan();
      await new Promise(() => {});
    });
    const handedBack = await producer.send("test-slow-step", {});
    await stuck;
    const t0 = Date.now();
    const out = await second.shutdown({ deadlineMs: 3_000 });
    expect(out.ok).toBe(true);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(await jobState(t.db, handedBack!)).toBe("retry");
  }, 40_000);
});
