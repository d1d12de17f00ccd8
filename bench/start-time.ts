import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
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

/**
 * CPU time (user + system) a process has used so far, from /proc (Linux; clock ticks are 1/100 s
 * there). On a machine shared with other builds the wall time mostly measures the queue for a
 * core; the CPU time is what the start itself costs, and roughly its wall time on an idle machine.
 */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Starts one node and resolves with the milliseconds until /readyz answered 200 (wall and CPU). */
async function startOnce(
  argv: string[],
  databaseUrl: string,
  dataDir: string,
): Promise<{ ms: number; cpu: number; child: ChildProcess }> {
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
    if (ok) return { ms: performance.now() - t0, cpu: cpuMs(child.pid!), child };
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

  const times = new Map<string, { wall: number[]; cpu: number[] }>(MODES.map((m) => [m, { wall: [], cpu: [] }]));
  for (let i = 0; i < RUNS; i++) {
    for (const mode of MODES) {
      const run = await startOnce(commands[mode]!, pg.url, dir);
      times.get(mode)!.wall.push(run.ms);
      times.get(mode)!.cpu.push(run.cpu);
      await stop(run.child);
    }
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const r = (n: number) => Math.round(n);
    return `median ${r(sorted[Math.floor(sorted.length / 2)]!)} ms, min ${r(sorted[0]!)} ms, max ${r(sorted.at(-1)!)} ms`;
  };
  for (const [mode, { wall, cpu }] of times) {
    log(`${mode} runs, wall (ms): ${wall.map((t) => Math.round(t)).join(", ")}; CPU (ms): ${cpu.join(", ")}`);
    log(`${mode}: start → /readyz 200 over ${RUNS} runs: wall ${stats(wall)}; CPU used by then ${stats(cpu)}`);
  }
  log(`load average after: ${loadavg()}`);
});
