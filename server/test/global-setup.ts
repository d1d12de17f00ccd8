import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../src/db/embedded.js";

/**
 * One real PostgreSQL for the whole test run: TEST_DATABASE_URL when given, otherwise an embedded
 * cluster in a temporary directory. Each test file creates its own database in it (support/db.ts).
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("pgAdminUrl", process.env.TEST_DATABASE_URL);
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "cinegate-test-pg-"));
  const pg = await startEmbeddedPostgres(path.join(dir, "pg"), { persistent: false });
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
