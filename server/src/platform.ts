import path from "node:path";
import type { FastifyInstance } from "fastify";
import type PgBoss from "pg-boss";
import { enableDemoSites } from "./buyer-site/demo-sites.js";
import { BuyerSites } from "./buyer-site/sites.js";
import { createCatalog } from "./catalog/create-catalog.js";
import { type DemoWorld, onboardDemoCinemas } from "./catalog/demo-onboarding.js";
import { parseCadence } from "./catalog/sync/cadence.js";
import { parsePriceBand } from "./catalog/sync/price-check.js";
import { SyncScheduler } from "./catalog/sync/scheduler.js";
import { ChannelStore } from "./channels/channels.js";
import { ensureDemoChannel } from "./channels/demo-channel.js";
import { ConfigError, type Env, type Role, trustProxyOf } from "./config/env.js";
import { ensureFirstAdmin } from "./console/first-admin.js";
import { createDb, type Db, migrateToLatest } from "./db/database.js";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "./db/embedded.js";
import { type Clock, systemClock } from "./domain/time.js";
import { buildApp } from "./http/app.js";
import { startMetricsListener } from "./http/metrics-listener.js";
import { pruneNonces } from "./http/plugins/channel-auth.js";
import { readiness } from "./http/routes/health.js";
import { startBoss } from "./jobs/boss.js";
import { RoleBoss } from "./lifecycle/role-boss.js";
import { type ShutdownOutcome, type StopStep, stopWithin, type Timers } from "./lifecycle/shutdown.js";
import { workerMetricsRegistry } from "./lifecycle/worker-metrics.js";
import { startOrders } from "./orders/start-orders.js";
import { configureDemoAlipay, configureDemoPayments, readDemoAlipay, readDemoWechatPay } from "./payments/demo.js";
import { Reconciler } from "./payments/reconcile/reconciler.js";
import { ReconcileScheduler } from "./payments/reconcile/scheduler.js";
import { AuditLog } from "./security/audit.js";
import { resolveMasterKey } from "./security/master-key.js";
import { SecretBox } from "./security/secret-box.js";
import { connectedVendors } from "./vendors/all.js";
import { loadConnectorFactories } from "./vendors/factories.js";
import { startVouchers } from "./vouchers/start-vouchers.js";

/** Fixed demo ports from the vendor descriptors (SIM_PORT_<VENDOR> overrides), so sandbox users can bookmark them. */
const DEMO_SIM_PORTS = Object.fromEntries(connectedVendors.map((v) => [v.id, v.demoPort]));

/**
 * The demo runs the vendor simulators in this process. The import is dynamic so a production
 * deployment (CINEGATE_SIMULATORS=false) never loads them; the dependency points from the demo
 * wiring to the simulators, never the other way round.
 */
async function startDemoSimulators() {
  const { startSimulators } = await import("../../simulators/src/index.js");
  const { readSimEnv } = await import("../../simulators/src/env.js");
  const { demoAccounts } = await import("../../simulators/src/core/accounts.js");
  const sims = await startSimulators({ ports: { ...DEMO_SIM_PORTS, ...readSimEnv().ports } });
  const world: DemoWorld = { urls: sims.urls, accounts: demoAccounts, cinemas: sims.dataset.cinemas };
  // The WeChat Pay simulator (not a seat vendor) shares the vendors' clock; the demo cinemas pay into it.
  const { startWechatPaySimulator, wechatpaySimulator } = await import("../../simulators/src/wechatpay/index.js");
  const pay = await startWechatPaySimulator({
    port: Number(process.env.SIM_PORT_WECHATPAY || wechatpaySimulator.demoPort),
    ctx: { clock: sims.clocks.ykse },
  });
  const wechatpay = { url: pay.url, mchId: pay.demo.mchId };
  // The Alipay simulator likewise (port 7121).
  const { startAlipaySimulator, alipaySimulator } = await import("../../simulators/src/alipay/index.js");
  const ali = await startAlipaySimulator({
    port: Number(process.env.SIM_PORT_ALIPAY || alipaySimulator.demoPort),
    ctx: { clock: sims.clocks.ykse },
  });
  const alipay = { url: ali.url, appId: ali.demo.appId };
  return {
    ...sims,
    world,
    wechatpay,
    alipay,
    close: async () => {
      await Promise.allSettled([sims.close(), pay.close(), ali.close()]);
    },
  };
}

/**
 * The demo against simulators in another process (CINEGATE_DEMO_SIMULATOR_URLS, e.g. a chaos run
 * that restarts the platform while the vendors keep their state): their URLs, the sandbox
 * credentials, and the data set's cinemas read from one simulator's control API.
 */
async function externalDemoWorld(json: string): Promise<DemoWorld> {
  let urls: Record<string, string>;
  try {
    urls = JSON.parse(json) as Record<string, string>;
    if (!urls || typeof urls !== "object" || Object.values(urls).some((u) => !/^https?:\/\//.test(String(u))))
      throw new Error("not an object of URLs");
  } catch (err) {
    throw new ConfigError(
      `CINEGATE_DEMO_SIMULATOR_URLS must be JSON like {"ykse":"http://127.0.0.1:7101"}: ${(err as Error).message}`,
    );
  }
  const first = Object.values(urls)[0];
  if (!first) throw new ConfigError("CINEGATE_DEMO_SIMULATOR_URLS names no simulator");
  const res = await fetch(new URL("/_control/cinemas", first));
  if (!res.ok) throw new Error(`simulator ${first} answered ${res.status} for /_control/cinemas`);
  const { cinemas } = (await res.json()) as { cinemas: DemoWorld["cinemas"] };
  const { demoAccounts } = await import("../../simulators/src/core/accounts.js");
  return { urls, accounts: demoAccounts, cinemas };
}

export interface Platform {
  role: Role;
  /** The API (roles api and all); a worker node serves no API. */
  app?: FastifyInstance;
  db: Db;
  /** The API's address (roles api and all). */
  url?: string;
  /** /healthz and /readyz beside /metrics, on every role (a worker's only listener). */
  healthUrl: string;
  /** The pg-boss queues this node consumes (none on an API node) and those its role declined. */
  jobs: { consuming: readonly string[]; declined: readonly string[] };
  /** The job queue as this node's role sees it (an API node's `work` registers nothing). */
  boss: PgBoss;
  /** Where Prometheus scrapes this node (its own listener, not the API port). */
  metricsUrl: string;
  /** Vendor simulator base URLs in the demo (in-process, or external via CINEGATE_DEMO_SIMULATOR_URLS). */
  simulatorUrls?: Record<string, string>;
  demoChannel?: { code: string; secret: string };
  /** A demo cinema's buyer site (the quick start prints its URL). */
  demoBuyerSite?: { slug: string; name: string };
  /** The demo's first console admin, only on the start that created it (the password is shown once). */
  demoAdmin?: { username: string; password: string };
  /** Stops everything, ignoring failures and with no deadline (tests, a failed start). */
  stop(): Promise<void>;
  /**
   * The graceful stop for SIGTERM/SIGINT: stop taking requests and jobs, let in-flight ones end
   * (job steps still running when pg-boss's grace runs out are handed back to the queue), close
   * the pool and the embedded PostgreSQL — all within `deadlineMs`.
   */
  shutdown(opts: {
    deadlineMs: number;
    timers?: Timers;
    onError?: (step: string, err: unknown) => void;
  }): Promise<ShutdownOutcome>;
}

/**
 * The buyer site's WeChat: the configured OAuth endpoints, or in the demo the simulated WeChat
 * (served by the WeChat Pay simulator) for OAuth and the pay sheet.
 */
function buyerSiteWechat(env: Env, demoWechatUrl: string | undefined) {
  if (env.CINEGATE_WECHAT_OAUTH_URL && env.CINEGATE_WECHAT_API_URL) {
    return {
      wechatOAuth: { authorizeBaseUrl: env.CINEGATE_WECHAT_OAUTH_URL, apiBaseUrl: env.CINEGATE_WECHAT_API_URL },
    };
  }
  if (env.CINEGATE_DEMO && demoWechatUrl) {
    return {
      wechatOAuth: { authorizeBaseUrl: demoWechatUrl, apiBaseUrl: demoWechatUrl },
      simulatedWechatUrl: demoWechatUrl,
    };
  }
  return {};
}

/** What a role runs; `all` is both (the demo, and a small deployment). */
export function roleRuns(role: Role): { http: boolean; workers: boolean } {
  return { http: role !== "worker", workers: role !== "api" };
}

/**
 * Wires the system from a validated environment for one role (env.CINEGATE_ROLE): database
 * (embedded when DATABASE_URL is unset), migrations, secrets, demo data, the job queue and its
 * workers (roles worker/all), HTTP (roles api/all). Stopping undoes it in reverse order.
 */
export async function startPlatform(
  env: Env,
  log: (line: string) => void = () => {},
  opts: { clock?: Clock } = {},
): Promise<Platform> {
  const clock = opts.clock ?? systemClock;
  const role = env.CINEGATE_ROLE;
  const runs = roleRuns(role);
  const embedded = env.DATABASE_URL === undefined;
  if (embedded && role !== "all") {
    // Each process would start its own embedded cluster: split roles only make sense on one shared database.
    throw new ConfigError(
      `Invalid configuration:\n  CINEGATE_ROLE=${role}: needs DATABASE_URL (the nodes of a split deployment share one PostgreSQL)`,
    );
  }
  const masterKey = resolveMasterKey({ envKey: env.CINEGATE_MASTER_KEY, embedded, dataDir: env.DATA_DIR });
  let pg: EmbeddedDatabase | undefined;
  // Pushed in start order; stopping runs them in reverse.
  const steps: StopStep[] = [];
  const cleanup = (name: string, run: StopStep["run"], pending?: StopStep["pending"]) =>
    steps.push({ name, run, ...(pending ? { pending } : {}) });
  const stop = async () => {
    for (const step of steps.splice(0).reverse()) await step.run(5000).catch(() => {});
  };
  try {
    if (embedded) {
      log(`starting embedded PostgreSQL in ${path.resolve(env.DATA_DIR, "pg")} …`);
      pg = await startEmbeddedPostgres(path.join(env.DATA_DIR, "pg"));
      cleanup("embedded PostgreSQL", () => pg!.stop());
    }
    const db = createDb(env.DATABASE_URL ?? pg!.url, { max: env.DATABASE_POOL_MAX });
    let handedBack: () => string[] = () => [];
    cleanup("database pool", async () => {
      // Jobs still running after pg-boss's grace were failed back to the queue and will run again
      // elsewhere; their connections end with this process, so waiting for them here would only
      // run out the deadline.
      const running = handedBack();
      if (running.length > 0) {
        log(`handed back to the queue, not waited for: ${running.join(", ")}`);
        void db.destroy().catch(() => {});
        return;
      }
      await db.destroy();
    });
    const applied = await migrateToLatest(db);
    if (applied.length > 0) log(`applied migrations: ${applied.join(", ")}`);

    const external = env.CINEGATE_DEMO_SIMULATOR_URLS;
    // In-process simulators belong to the one-process demo (role all); a split deployment runs them
    // as their own service (CINEGATE_DEMO_SIMULATOR_URLS), unless CINEGATE_SIMULATORS says otherwise.
    const sims =
      (env.CINEGATE_SIMULATORS ?? (env.CINEGATE_DEMO && !external && role === "all"))
        ? await startDemoSimulators()
        : undefined;
    if (sims) cleanup("simulators", () => sims.close());
    const world = sims?.world ?? (external && env.CINEGATE_DEMO ? await externalDemoWorld(external) : undefined);
    let demoBuyerSite: Platform["demoBuyerSite"];

    const box = new SecretBox(masterKey);
    const channels = new ChannelStore(db, box);
    const audit = new AuditLog(db);
    // Demo data is written by the node that runs the workers (one per demo), so several API nodes
    // starting together never race to create the same rows; its first sync runs there too.
    const demo = env.CINEGATE_DEMO && runs.workers;
    const demoChannel = demo ? await ensureDemoChannel(channels, env.CINEGATE_DEMO_CHANNEL_SECRET) : undefined;
    const demoAdmin = demo ? await ensureFirstAdmin(db, audit) : undefined;

    const catalog = createCatalog({ db, box, clock, factories: await loadConnectorFactories() });
    // An API node keeps pg-boss's maintenance and cron off too: the worker nodes do it.
    const jobs = new RoleBoss(
      await startBoss(env.DATABASE_URL ?? pg!.url, log, { maintenance: runs.workers }),
      runs.workers,
    );
    const boss = jobs.boss;
    handedBack = () => jobs.inFlight();
    cleanup(
      "job workers",
      // Stop fetching, let running jobs finish; pg-boss fails (hands back, to be retried) any still
      // running when its grace ends: three quarters of what is left, so closing the pool, the
      // embedded PostgreSQL and the simulators still fits in the deadline on a busy machine.
      (budgetMs) => boss.stop({ graceful: true, timeout: Math.max(1000, Math.floor(budgetMs * 0.75)) }),
      () => jobs.inFlight(),
    );
    const scheduler = new SyncScheduler(
      boss,
      {
        db,
        registry: catalog.registry,
        clock,
        cadence: parseCadence(env.CINEGATE_SYNC_CADENCE),
        priceBand: parsePriceBand(env.CINEGATE_PRICE_BAND_YUAN),
      },
      { batchPerTick: env.CINEGATE_SYNC_BATCH },
    );
    await scheduler.start();
    catalog.bindSync(scheduler);
    // Yesterday's payments against each cinema's merchant, once a day (issue 15 §4).
    const reconciler = new Reconciler({
      db,
      clock,
      settings: catalog.settings,
      box,
      ...(env.CINEGATE_WECHATPAY_BASE_URL ? { wechatPayBaseUrl: env.CINEGATE_WECHATPAY_BASE_URL } : {}),
    });
    await new ReconcileScheduler(boss, reconciler, clock, log).start();
    if (world && demoChannel) {
      const n = await onboardDemoCinemas(catalog, world, demoChannel.code);
      if (n > 0) log(`onboarded ${n} demo cinemas; their first sync is running`);
      const siteCount = await enableDemoSites(db, new BuyerSites(db, channels));
      if (siteCount > 0) log(`enabled the buyer site of ${siteCount} demo cinemas`);
      demoBuyerSite = await db
        .selectFrom("buyer_sites")
        .select(["slug", "name"])
        .where("enabled", "=", true)
        .orderBy("slug")
        .executeTakeFirst();
      // External simulators name WeChat Pay as "wechatpay" beside the vendors (CINEGATE_DEMO_WECHATPAY_URL).
      const payUrl = sims?.wechatpay.url ?? process.env.CINEGATE_DEMO_WECHATPAY_URL;
      if (payUrl) {
        const { wechatpaySimulator } = await import("../../simulators/src/wechatpay/descriptor.js");
        const demoPay = await readDemoWechatPay(payUrl, sims?.wechatpay.mchId ?? wechatpaySimulator.demoAccount.mchId);
        const p = await configureDemoPayments({ db, settings: catalog.settings, box }, demoPay);
        if (p > 0) log(`configured WeChat Pay (simulator ${payUrl}) for ${p} demo cinemas`);
      }
      // External simulators name Alipay's by CINEGATE_DEMO_ALIPAY_URL.
      const aliUrl = sims?.alipay.url ?? process.env.CINEGATE_DEMO_ALIPAY_URL;
      if (aliUrl) {
        const { alipaySimulator } = await import("../../simulators/src/alipay/descriptor.js");
        const demoAli = await readDemoAlipay(aliUrl, sims?.alipay.appId ?? alipaySimulator.demoAccount.appId);
        const a = await configureDemoAlipay({ db, settings: catalog.settings, box }, demoAli);
        if (a > 0) log(`configured Alipay (simulator ${aliUrl}) for ${a} demo cinemas`);
      }
    }

    // The notify URLs need the address the server listens on, known only after `listen` below.
    let listening = `http://127.0.0.1:${env.PORT}`;
    const orders = await startOrders({
      db,
      boss,
      channels,
      registry: catalog.registry,
      seats: catalog.seats,
      clock,
      log,
      payments: {
        settings: catalog.settings,
        box,
        publicBaseUrl: () => env.CINEGATE_PUBLIC_BASE_URL ?? listening,
        ...(env.CINEGATE_WECHATPAY_BASE_URL ? { wechatPayBaseUrl: env.CINEGATE_WECHATPAY_BASE_URL } : {}),
      },
    });

    const vouchers = await startVouchers({ db, boss, clock, accounts: catalog.accounts, recorder: catalog.calls });
    cleanup("voucher connectors", () => vouchers.deps.vendors.close());

    let app: FastifyInstance | undefined;
    let address: string | undefined;
    let registry = runs.http ? undefined : workerMetricsRegistry(catalog);
    if (runs.http) {
      app = await buildApp({
        db,
        channels,
        audit,
        catalog,
        orders,
        adminToken: env.CINEGATE_ADMIN_TOKEN,
        logLevel: env.LOG_LEVEL,
        bodyLimit: env.BODY_LIMIT_BYTES,
        trustProxy: trustProxyOf(env.TRUST_PROXY),
        timeouts: { requestMs: env.REQUEST_TIMEOUT_MS, headersMs: env.HEADERS_TIMEOUT_MS },
        secretBox: box,
        ...(env.CINEGATE_WECHATPAY_BASE_URL ? { wechatPayBaseUrl: env.CINEGATE_WECHATPAY_BASE_URL } : {}),
        ...(orders.deps.payments ? { payments: orders.deps.payments } : {}),
        reconciler,
        vouchers,
        buyerSite: buyerSiteWechat(env, sims?.wechatpay.url ?? process.env.CINEGATE_DEMO_WECHATPAY_URL),
      });
      const server = app;
      // Fastify's close stops accepting connections and waits for the requests in flight.
      cleanup("HTTP server", () => server.close());
      address = await app.listen({ port: env.PORT, host: env.HOST });
      listening = address.replace("0.0.0.0", "127.0.0.1").replace("[::]", "127.0.0.1");
      registry = app.metricsRegistry;
    }
    const metrics = await startMetricsListener(registry!, {
      port: env.METRICS_PORT,
      host: env.METRICS_HOST,
      ready: () => readiness(db),
    });
    cleanup("metrics listener", () => metrics.close());

    if (runs.workers) {
      const pruner = setInterval(() => void pruneNonces(db, Date.now()).catch(() => {}), 60_000);
      pruner.unref();
      cleanup("nonce pruner", async () => clearInterval(pruner));
    }
    log(
      `role ${role}: ${runs.http ? "serving HTTP" : "no HTTP API"}; ${
        jobs.consuming.length > 0
          ? `consuming ${[...new Set(jobs.consuming)].join(", ")}`
          : `consuming no job queues (declined ${[...new Set(jobs.declined)].join(", ")})`
      }`,
    );

    return {
      role,
      app,
      db,
      url: address,
      healthUrl: metrics.url.replace(/\/metrics$/, ""),
      jobs: { consuming: jobs.consuming, declined: jobs.declined },
      boss,
      metricsUrl: metrics.url,
      simulatorUrls: world?.urls,
      demoChannel,
      demoAdmin,
      ...(demoBuyerSite ? { demoBuyerSite } : {}),
      stop,
      shutdown: (o) => stopWithin(steps.splice(0).reverse(), { ...o, clock }),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
