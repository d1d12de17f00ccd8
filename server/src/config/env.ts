import { type Static, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { CADENCE_PATTERN } from "../catalog/sync/cadence.js";

/**
 * Every setting Cinegate reads from the environment, validated once at start-up. `.env.example`
 * mirrors this list; keep them in step.
 */
const ADDRESS = "[0-9A-Fa-f.:]+(/\\d{1,3})?";
const TRUST_PROXY_PATTERN = `^(true|false|${ADDRESS}(\\s*,\\s*${ADDRESS})*)$`;

/** What a node runs (docs/operations.md "Roles"). */
export const ROLES = ["api", "worker", "all"] as const;
export type Role = (typeof ROLES)[number];

const EnvSchema = Type.Object({
  PORT: Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: 8080,
    description: "HTTP port for API, docs, console and buyer site",
  }),
  HOST: Type.String({ minLength: 1, default: "127.0.0.1", description: "interface to bind; 0.0.0.0 in containers" }),
  METRICS_PORT: Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: 9464,
    description: "port of the Prometheus /metrics listener, separate from PORT (0 = any free port)",
  }),
  METRICS_HOST: Type.String({
    minLength: 1,
    default: "127.0.0.1",
    description: "interface of the /metrics listener; keep it private (loopback or the scrape network)",
  }),
  TRUST_PROXY: Type.String({
    pattern: TRUST_PROXY_PATTERN,
    default: "false",
    description: "false, true (any peer), or comma-separated proxy IPs/CIDRs whose X-Forwarded-For/-Proto are believed",
  }),
  REQUEST_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    maximum: 600_000,
    default: 30_000,
    description: "longest a client may take to send a whole request (headers and body)",
  }),
  HEADERS_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    maximum: 600_000,
    default: 10_000,
    description: "longest a client may take to send the request headers (at most REQUEST_TIMEOUT_MS)",
  }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: "^postgres(ql)?://",
      description: "postgres://user:pass@host:5432/db; unset = embedded PostgreSQL",
    }),
  ),
  DATABASE_POOL_MAX: Type.Integer({
    minimum: 2,
    maximum: 200,
    default: 10,
    description: "most PostgreSQL connections the API and workflow hold (pg-boss keeps its own few)",
  }),
  DATA_DIR: Type.String({
    minLength: 1,
    default: ".data",
    description: "embedded PostgreSQL data and the generated demo master key",
  }),
  CINEGATE_MASTER_KEY: Type.Optional(
    Type.String({
      pattern: "^[0-9a-fA-F]{64}$",
      description: "64 hex chars (32 bytes) for AES-256-GCM encryption of secrets at rest",
    }),
  ),
  CINEGATE_ADMIN_TOKEN: Type.Optional(
    Type.String({ minLength: 16, description: "bearer token accepted as admin (at least 16 chars)" }),
  ),
  CINEGATE_DEMO_CHANNEL_SECRET: Type.Optional(
    Type.String({ minLength: 16, description: "secret of the demo channel (at least 16 chars)" }),
  ),
  CINEGATE_DEMO: Type.Boolean({
    default: true,
    description: "create the demo channel (and, later, demo data) at start",
  }),
  CINEGATE_SIMULATORS: Type.Optional(
    Type.Boolean({ description: "start the vendor simulators in-process (default: same as CINEGATE_DEMO)" }),
  ),
  CINEGATE_DEMO_SIMULATOR_URLS: Type.Optional(
    Type.String({
      minLength: 2,
      description:
        'JSON {"ykse":"http://127.0.0.1:7101",…}: onboard the demo cinemas against simulators running in another process',
    }),
  ),
  LOG_LEVEL: Type.Union(
    ["fatal", "error", "warn", "info", "debug", "trace", "silent"].map((l) => Type.Literal(l)),
    { default: "info" },
  ),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 262_144, description: "largest accepted request body" }),
  CINEGATE_SYNC_CADENCE: Type.Optional(
    Type.String({
      pattern: CADENCE_PATTERN,
      description: "comma-separated entity=interval overrides, e.g. showtimes=15m,layouts=1h (m or h)",
    }),
  ),
  CINEGATE_PRICE_BAND_YUAN: Type.String({
    pattern: "^\\d{1,5}(\\.\\d{1,2})?-\\d{1,5}(\\.\\d{1,2})?$",
    default: "5-500",
    description:
      "sane sale price per seat in yuan, min-max; a synced showtime priced outside it is kept off sale and flagged",
  }),
  CINEGATE_WECHATPAY_BASE_URL: Type.Optional(
    Type.String({
      pattern: "^https?://",
      description: "WeChat Pay API root for cinemas whose payment config names no apiBaseUrl (default: WeChat's own)",
    }),
  ),
  CINEGATE_WECHAT_OAUTH_URL: Type.Optional(
    Type.String({
      pattern: "^https?://",
      description:
        "the buyer site's WeChat OAuth: the root of the authorize page (connect/oauth2/authorize); unset: buyers cannot sign in (the demo uses its simulated WeChat)",
    }),
  ),
  CINEGATE_WECHAT_API_URL: Type.Optional(
    Type.String({
      pattern: "^https?://",
      description: "the buyer site's WeChat OAuth: the root of the API that trades a code (sns/oauth2/access_token)",
    }),
  ),
  CINEGATE_PUBLIC_BASE_URL: Type.Optional(
    Type.String({
      pattern: "^https?://",
      description:
        "the address payment providers reach this server at (notify URLs hang under it); default: the server's own listen address",
    }),
  ),
  CINEGATE_ROLE: Type.Union(
    ROLES.map((r) => Type.Literal(r)),
    {
      default: "all",
      description:
        "api (HTTP only), worker (job queue workers, sync, sweeper) or all (both, the demo); --role overrides",
    },
  ),
  CINEGATE_SHUTDOWN_DEADLINE_MS: Type.Integer({
    minimum: 1000,
    maximum: 600_000,
    default: 20_000,
    description: "on SIGTERM/SIGINT, how long in-flight requests and job steps may take before the process exits 1",
  }),
  CINEGATE_SYNC_BATCH: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    default: 50,
    description: "most cinemas whose sync is queued per minute, so a vendor is never flooded",
  }),
});

export type Env = Static<typeof EnvSchema>;

/** Fastify's `trustProxy` from TRUST_PROXY: true/false, or the proxies' addresses. */
export function trustProxyOf(value: string): boolean | string[] {
  if (value === "true") return true;
  if (value === "false") return false;
  return value.split(",").map((s) => s.trim());
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses and validates the environment; throws ConfigError naming each bad variable and what it expects. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const relevant: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key];
    if (value !== undefined && value !== "") relevant[key] = value;
  }
  const converted = Value.Convert(EnvSchema, Value.Default(EnvSchema, relevant));
  const errors = [...Value.Errors(EnvSchema, converted)];
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const name = e.path.replace(/^\//, "");
      const prop = EnvSchema.properties[name as keyof typeof EnvSchema.properties];
      const expects = prop?.description ?? e.message;
      return `  ${name}=${JSON.stringify(source[name] ?? "")}: ${e.message} (expects ${expects})`;
    });
    throw new ConfigError(`Invalid configuration:\n${[...new Set(lines)].join("\n")}`);
  }
  const env = converted as Env;
  // Node refuses a headers timeout longer than the request timeout; say so by name instead.
  if (env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid configuration:\n  HEADERS_TIMEOUT_MS=${env.HEADERS_TIMEOUT_MS}: must not exceed REQUEST_TIMEOUT_MS=${env.REQUEST_TIMEOUT_MS}`,
    );
  }
  return env;
}
