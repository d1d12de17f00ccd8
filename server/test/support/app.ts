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
import { createVouchers } from "../../src/vouchers/start-vouchers.js";
import { runVoucherStep } from "../../src/vouchers/voucher-runner.js";
import type { VoucherService } from "../../src/vouchers/voucher-service.js";
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
  /** The voucher side, its activation steps queued in `voucherSteps` (run them with `runDueVoucherSteps`). */
  vouchers: VoucherService;
  voucherSteps: Array<{ orderId: string; atMs: number }>;
  runDueVoucherSteps(): Promise<number>;
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

/** Queues steps in a list (one per id, the latest wins), as pg-boss's singleton key does. */
function manualScheduler(queued: Array<{ orderId: string; atMs: number }>): StepScheduler {
  return {
    schedule: async (orderId, atMs) => {
      const i = queued.findIndex((s) => s.orderId === orderId);
      if (i >= 0) queued.splice(i, 1);
      queued.push({ orderId, atMs });
    },
  };
}

/**
 * Runs every queued step that is due on `clock`, until none is (a step may queue its next one, due
 * at once); returns how many ran. The tests' stand-in for pg-boss: time-skipping, no waiting.
 */
async function runDue(
  queued: Array<{ orderId: string; atMs: number }>,
  clock: Clock,
  step: (orderId: string) => Promise<number | null>,
  scheduler: StepScheduler,
): Promise<number> {
  let ran = 0;
  for (;;) {
    const due = queued.filter((s) => s.atMs <= clock.now());
    if (due.length === 0) return ran;
    for (const d of due) {
      queued.splice(queued.indexOf(d), 1);
      const nextAt = await step(d.orderId);
      ran++;
      if (nextAt !== null) await scheduler.schedule(d.orderId, nextAt);
    }
  }
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
  const scheduler = manualScheduler(scheduled);
  const orderDeps = createOrderDeps({
    db: database.db,
    clock: catalogClock,
    registry: catalog.registry,
    liveSeatStatus: liveSeatStatusFrom(catalog.seats),
  });
  const workflow = new OrderWorkflow(orderDeps);
  const orders = new OrderService(orderDeps, workflow, scheduler);
  const runDueSteps = () =>
    runDue(scheduled, catalogClock, async (orderId) => (await workflow.step(orderId)).nextAt, scheduler);
  const voucherSteps: Array<{ orderId: string; atMs: number }> = [];
  const vouchers = await createVouchers(
    { db: database.db, clock: catalogClock, accounts: catalog.accounts, recorder: catalog.calls },
    () => manualScheduler(voucherSteps),
  );
  const runDueVoucherSteps = () =>
    runDue(
      voucherSteps,
      catalogClock,
      async (orderId) => (await runVoucherStep(vouchers.deps, orderId)).nextAt,
      vouchers.deps.scheduler,
    );
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
    vouchers,
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
    vouchers,
    voucherSteps,
    runDueVoucherSteps,
    close: async () => {
      await metrics.close();
      await app.close();
      await vouchers.deps.vendors.close();
      await database.drop();
    },
  };
}
