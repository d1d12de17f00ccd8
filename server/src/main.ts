import { ConfigError, loadEnv } from "./config/env.js";
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
  if (platform.demoAdmin) {
    say(
      `console admin created: username=${platform.demoAdmin.username}  password=${platform.demoAdmin.password}  (shown once)`,
    );
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
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`cinegate failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
  process.exit(1);
});
