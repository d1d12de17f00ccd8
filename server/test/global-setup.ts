import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../src/db/embedded.js";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The same step `npm start` runs: build the web bundles if they are missing or stale. Done once here,
 * before any test file starts, because a build inside a test worker blocks its event loop for a
 * minute on a loaded machine and vitest then reports the worker as unresponsive.
 */
async function ensureWebBuild(): Promise<void> {
  await promisify(execFile)(process.execPath, [path.join(root, "scripts/ensure-web-build.mjs"), "--strict"], {
    cwd: root,
  });
}

/**
 * One real PostgreSQL for the whole test run: TEST_DATABASE_URL when given, otherwise an embedded
 * cluster in a temporary directory. Each test file creates its own database in it (support/db.ts).
 */
export default async function setup(project: TestProject) {
  const webBuilt = ensureWebBuild();
  if (process.env.TEST_DATABASE_URL) {
    project.provide("pgAdminUrl", process.env.TEST_DATABASE_URL);
    await webBuilt;
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "cinegate-test-pg-"));
  const [pg] = await Promise.all([startEmbeddedPostgres(path.join(dir, "pg"), { persistent: false }), webBuilt]);
  project.provide("pgAdminUrl", pg.url);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
