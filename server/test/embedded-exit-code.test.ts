import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("embedded PostgreSQL and the process exit code", () => {
  it("keeps a failing exit code after the cluster was started and stopped (a failed test run must not exit 0)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cinegate-exit-code-"));
    try {
      const script = `
        import { startEmbeddedPostgres } from "./server/src/db/embedded.ts";
        const pg = await startEmbeddedPostgres(${JSON.stringify(path.join(dir, "pg"))}, { persistent: false });
        await pg.stop();
        process.exitCode = 3;`;
      const res = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(res.stderr).not.toMatch(/TypeError/);
      expect(res.status).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
