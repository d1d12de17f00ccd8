import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../config/env.js";

/**
 * The master key comes from CINEGATE_MASTER_KEY. Only the embedded demo (no DATABASE_URL) may
 * generate one: it is written once to DATA_DIR/master.key (mode 0600) and reused, so the secrets
 * sealed in the embedded database stay readable across restarts.
 */
export function resolveMasterKey(opts: { envKey?: string; embedded: boolean; dataDir: string }): string {
  if (opts.envKey) return opts.envKey.toLowerCase();
  if (!opts.embedded) {
    throw new ConfigError(
      "CINEGATE_MASTER_KEY is required when DATABASE_URL is set (expects 64 hex chars; generate one with `openssl rand -hex 32`)",
    );
  }
  const file = path.resolve(opts.dataDir, "master.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString("hex");
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
