import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { freePort, startEmbeddedPostgres } from "../server/src/db/embedded.js";
import { log, machine, withBudget } from "./lib/report.js";

/**
 * Start time: from spawning a server process to its first `/readyz` 200, against a PostgreSQL
 * that is already running and already migrated (what a restarted or newly scaled node sees).
 * `BENCH_START=tsx` measures the TypeScript loader (`node --import tsx server/src/main.ts`),
 * `BENCH_START=dist` (the default) the compiled build (`npm run build` first), `BENCH_START=tsx,dist`
 * both, alternating run by run so that a shared machine's load falls on both alike. One unmeasured
 * start applies the migrations; then BENCH_RUNS measured starts per mode, each stopped with SIGTERM.
 * BENCH_ROLE picks the role (api by default: the node a load balancer waits for).
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MODES = (process.env.BENCH_START ?? "dist").split(",");
const ROLE = process.env.BENCH_ROLE ?? "api";

const commands: Record<string, string[]> = {
  tsx: ["--import", "tsx", "server/src/main.ts"],
  dist: ["--enable-source-maps", "dist/server/src/main.js"],
};

for (const mode of MODES) {
  if (!commands[mode]) throw new Error(`BENCH_START must list some of ${Object.keys(commands).join(", ")}`);
}
if (MODES.includes("dist") && !existsSync(path.join(ROOT, "dist/server/src/main.js"))) {
  throw new Error("dist/server/src/main.js is missing: run `npm run build` first");
}

/** Starts one node and resolves with the milliseconds until /readyz answered 200. */
async function startOnce(
  argv: string[],
  databaseUrl: string,
  dataDir: string,
): Promise<{ ms: number; child: ChildProcess }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CINEGATE_MASTER_KEY: masterKey,
      CINEGATE_DEMO: "false",
      CINEGATE_ROLE: ROLE,
      DATA_DIR: dataDir,
      PORT: String(port),
      METRICS_PORT: "0",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  let exited: number | null | undefined;
  child.once("exit", (code) => {
    exited = code;
  });
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited with ${exited} before ready:\n${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { ms: performance.now() - t0, child };
    if (performance.now() - t0 > 60_000) throw new Error(`not ready after 60 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await done;
}

const masterKey = randomBytes(32).toString("hex");

await withBudget("start-time", 10 * 60_000, async (defer) => {
  for (const mode of MODES) log(`${mode}: node ${commands[mode]!.join(" ")}`);
  log(`start time, role ${ROLE}, ${RUNS} runs per mode — ${machine()}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "cinegate-start-time-"));
  defer(() => rm(dir, { recursive: true, force: true }));
  const pg = await startEmbeddedPostgres(path.join(dir, "pg"), { persistent: false });
  defer(() => pg.stop());

  const loadavg = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  log(`load average before: ${loadavg()}`);
  const warm = await startOnce(commands[MODES[0]!]!, pg.url, dir);
  await stop(warm.child);
  log(`first start (applies the migrations, not counted): ${Math.round(warm.ms)} ms`);

  const times = new Map<string, number[]>(MODES.map((m) => [m, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const mode of MODES) {
      const run = await startOnce(commands[mode]!, pg.url, dir);
      times.get(mode)!.push(run.ms);
      await stop(run.child);
    }
  }
  for (const [mode, ms] of times) {
    const sorted = [...ms].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    log(`${mode} runs (ms): ${ms.map((t) => Math.round(t)).join(", ")}`);
    log(
      `${mode}: start → /readyz 200 over ${RUNS} runs: median ${Math.round(median)} ms, min ${Math.round(sorted[0]!)} ms, max ${Math.round(sorted.at(-1)!)} ms`,
    );
  }
  log(`load average after: ${loadavg()}`);
});
