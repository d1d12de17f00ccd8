import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { createCatalog } from "../../src/catalog/create-catalog.js";
import type { CatalogServices } from "../../src/catalog/services.js";
import { runSync } from "../../src/catalog/sync/run.js";
import { ChannelStore } from "../../src/channels/channels.js";
import { ensureDemoChannel } from "../../src/channels/demo-channel.js";
import type { Db } from "../../src/db/database.js";
import { type Clock, systemClock } from "../../src/domain/time.js";
import { type AppDeps, buildApp } from "../../src/http/app.js";
import { startMetricsListener } from "../../src/http/metrics-listener.js";
import { createOrderDeps } from "../../src/orders/deps.js";
import { liveSeatStatusFrom } from "../../src/orders/live-seat-status.js";
import { OrderService } from "../../src/orders/order-service.js";
import type { StepScheduler } from "../../src/orders/runner.js";
import { OrderWorkflow } from "../../src/orders/workflow.js";
import { AuditLog } from "../../src/security/audit.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { loadConnectorFactories } from "../../src/vendors/factories.js";
import { createTestDatabase } from "./db.js";

export const TEST_MASTER_KEY = "11".repeat(32);
export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789";
export const DEMO_SECRET = "demo-secret-for-tests-0123456789";

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  baseUrl: string;
  /** The metrics listener of this app (loopback, its own port, as in production). */
  metricsUrl: string;
  channels: ChannelStore;
  /** Every log line written by the app, for redaction tests. */
  logs: string[];
  clock: { now: number };
  catalog: CatalogServices;
  orders: OrderService;
  /** Steps the workflow was asked to run, in order (tests run them with `runDueSteps`). */
  scheduled: Array<{ orderId: string; atMs: number }>;
  /** Runs every scheduled step that is due on the catalogue clock, until none is; returns how many ran. */
  runDueSteps(): Promise<number>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** What the catalogue (sync, seat status) reads the time from; the simulators' clock in integration tests. */
  catalogClock?: Clock;
  /** The audit log the app writes to (a test injects one that fails). */
  audit?: (db: Db) => AuditLog;
  trustProxy?: AppDeps["trustProxy"];
  timeouts?: AppDeps["timeouts"];
  /** The buyer site's WeChat (OAuth endpoints, simulated pay sheet). */
  buyerSite?: AppDeps["buyerSite"];
}

/** The real app on a fresh database, listening on a loopback port, with an adjustable clock. */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const box = new SecretBox(TEST_MASTER_KEY);
  const channels = new ChannelStore(database.db, box);
  const catalogClock = opts.catalogClock ?? systemClock;
  const catalog = createCatalog({
    db: database.db,
    box,
    clock: catalogClock,
    factories: await loadConnectorFactories(),
  });
  // Syncs run inline, so a test that onboards a cinema sees its catalogue when the call returns.
  const syncDeps = { db: database.db, registry: catalog.registry, clock: catalogClock, days: 3 };
  catalog.bindSync({
    request: async (cinemaId, entities) => {
      await runSync(syncDeps, cinemaId, entities);
      return true;
    },
  });
  await ensureDemoChannel(channels, DEMO_SECRET);
  // The app's clock below stands still unless a test moves it, so a token bucket would never
  // refill: the demo channel gets a budget no test exhausts. Rate-limit tests set their own.
  await database.db
    .updateTable("channels")
    .set({ rate_per_second: 100_000, rate_burst: 1_000_000 })
    .where("code", "=", "demo")
    .execute();
  const clock = { now: Date.now() };
  // Order workflow steps are queued here instead of on pg-boss: a test advances the simulators'
  // clock and runs what is due, so 12-minute timetables take milliseconds (time-skipping).
  const scheduled: Array<{ orderId: string; atMs: number }> = [];
  const scheduler: StepScheduler = {
    schedule: async (orderId, atMs) => {
      const i = scheduled.findIndex((s) => s.orderId === orderId);
      if (i >= 0) scheduled.splice(i, 1);
      scheduled.push({ orderId, atMs });
    },
  };
  const orderDeps = createOrderDeps({
    db: database.db,
    clock: catalogClock,
    registry: catalog.registry,
    liveSeatStatus: liveSeatStatusFrom(catalog.seats),
  });
  const workflow = new OrderWorkflow(orderDeps);
  const orders = new OrderService(orderDeps, workflow, scheduler);
  const runDueSteps = async () => {
    let ran = 0;
    for (;;) {
      const due = scheduled.filter((s) => s.atMs <= catalogClock.now());
      if (due.length === 0) return ran;
      for (const d of due) {
        scheduled.splice(scheduled.indexOf(d), 1);
        const { nextAt } = await workflow.step(d.orderId);
        ran++;
        if (nextAt !== null) await scheduler.schedule(d.orderId, nextAt);
      }
    }
  };
  const app = await buildApp({
    db: database.db,
    channels,
    audit: opts.audit?.(database.db) ?? new AuditLog(database.db),
    catalog,
    orders,
    adminToken: TEST_ADMIN_TOKEN,
    logLevel: "info",
    logStream,
    bodyLimit: 4096,
    now: () => clock.now,
    trustProxy: opts.trustProxy,
    timeouts: opts.timeouts,
    secretBox: box,
    ...(opts.buyerSite ? { buyerSite: opts.buyerSite } : {}),
  });
  const baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  const metrics = await startMetricsListener(app.metricsRegistry, { port: 0, host: "127.0.0.1" });
  return {
    app,
    db: database.db,
    baseUrl,
    metricsUrl: metrics.url,
    channels,
    logs,
    clock,
    catalog,
    orders,
    scheduled,
    runDueSteps,
    close: async () => {
      await metrics.close();
      await app.close();
      await database.drop();
    },
  };
}
