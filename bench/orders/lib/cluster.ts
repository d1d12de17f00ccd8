import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ChannelClient } from "../../../server/src/client/channel-client.js";
import { createDb, type Db } from "../../../server/src/db/database.js";
import { freePort, startEmbeddedPostgres } from "../../../server/src/db/embedded.js";
import { type RunningSimulators, startSimulators } from "../../../simulators/src/index.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const CHANNEL_SECRET = "orders-bench-channel-secret-0123456789";

/**
 * The Cinegate process under test: `server/src/main.ts` run by tsx exactly as `npm start` runs it
 * (minus the console build), against a database and simulators that outlive it, so it can be
 * SIGKILLed and started again while the vendors keep their state.
 */
export class PlatformProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  starts = 0;
  kills = 0;
  /** Milliseconds from spawn to /readyz answering, per start. */
  readonly startMs: number[] = [];

  constructor(
    readonly url: string,
    private readonly env: Record<string, string>,
    private readonly log: WriteStream,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const t0 = Date.now();
    // BENCH_PLATFORM_NODE_ARGS: extra Node options for Cinegate only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
    // (Node refuses --cpu-prof in NODE_OPTIONS).
    const extra = process.env.BENCH_PLATFORM_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...extra, "--import", "tsx", "server/src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.starts++;
    const n = this.starts;
    child.stdout?.on("data", (d: Buffer) => this.log.write(`[start ${n}] ${d}`));
    child.stderr?.on("data", (d: Buffer) => this.log.write(`[start ${n} stderr] ${d}`));
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    for (;;) {
      if (!this.running) throw new Error(`cinegate exited during start ${n}; see ${this.log.path}`);
      const ok = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(1000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() - t0 > 90_000) throw new Error(`cinegate not ready after 90 s (start ${n})`);
      await sleep(100);
    }
    this.startMs.push(Date.now() - t0);
  }

  /** SIGKILL: no shutdown hooks, no graceful pg-boss stop, in-flight vendor calls cut off. */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.log.write(`[chaos] SIGKILL pid ${this.child.pid}\n`);
    this.child.kill("SIGKILL");
    await this.exited;
    this.kills++;
  }

  /** A clean stop at the end (SIGTERM, then SIGKILL after 15 s). */
  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface Cluster {
  sims: RunningSimulators;
  platform: PlatformProcess;
  api: ChannelClient;
  /** Our own connection to the platform's database, for the settle wait and the checker. */
  db: Db;
  dir: string;
  logPath: string;
  /** Stops everything; the work dir (database, Cinegate's log) is kept when `keep` or BENCH_KEEP_DIR. */
  close(keep?: boolean): Promise<void>;
}

/**
 * Embedded PostgreSQL and the four simulators in this process, Cinegate as a child process on a
 * fixed port (the same across restarts, as behind a load balancer).
 */
export async function startCluster(opts: {
  seed: number;
  cinemas: number;
  hangMs: number;
  log: (line: string) => void;
}): Promise<Cluster> {
  const dir = await mkdtemp(path.join(tmpdir(), "cinegate-orders-bench-"));
  const logPath = path.join(dir, "cinegate.log");
  const logFile = createWriteStream(logPath);
  opts.log(`工作目录 / work dir: ${dir}`);
  // Persistent: the data directory stays for a kept work dir (removed with it otherwise, in close).
  const pg = await startEmbeddedPostgres(path.join(dir, "pg"), { persistent: true });
  const sims = await startSimulators({
    seed: opts.seed,
    cinemas: opts.cinemas,
    days: 2,
    faults: { hangMs: opts.hangMs },
  });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const platform = new PlatformProcess(
    url,
    {
      DATABASE_URL: pg.url,
      CINEGATE_MASTER_KEY: randomBytes(32).toString("hex"),
      CINEGATE_DEMO: "true",
      CINEGATE_SIMULATORS: "false",
      CINEGATE_DEMO_SIMULATOR_URLS: JSON.stringify(sims.urls),
      CINEGATE_DEMO_CHANNEL_SECRET: CHANNEL_SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      METRICS_PORT: "0",
      DATA_DIR: path.join(dir, "data"),
      LOG_LEVEL: "warn",
    },
    logFile,
  );
  const db = createDb(pg.url, { max: 4 });
  const api = new ChannelClient({
    baseUrl: url,
    channelCode: "demo",
    secret: CHANNEL_SECRET,
    // A channel gives up on a silent request and retries it (same Idempotency-Key).
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(15_000) }),
  });
  return {
    sims,
    platform,
    api,
    db,
    dir,
    logPath,
    close: async (keep = false) => {
      await platform.stop().catch(() => {});
      await db.destroy().catch(() => {});
      await sims.close().catch(() => {});
      await pg.stop().catch(() => {});
      logFile.end();
      if (!keep && !process.env.BENCH_KEEP_DIR) await rm(dir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
