import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scaffoldVendor } from "../../../scripts/new-vendor.js";

/**
 * The proof that a vendor is one unit: `npm run new-vendor` run into a copy of the tree writes only
 * its own folders, the result compiles, and its contract suite runs against its own simulator —
 * passing what the scaffold implements (ping, auth_failed, no secrets in the recordings) and
 * failing the calls still to be written. About 20–30 s: one tsc over the new files and what they
 * import, and one vitest run of the new suite.
 */
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const NEW_FOLDERS = ["server/src/vendors/acme/", "simulators/src/acme/", "server/test/vendors/acme/"];
const NEW_PAGE = "docs/vendors/acme.md";

function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, e.name);
      if (e.name === "node_modules") continue;
      if (e.isDirectory()) walk(rel);
      else
        out.set(
          rel,
          createHash("sha1")
            .update(readFileSync(path.join(root, rel)))
            .digest("hex"),
        );
    }
  };
  walk("");
  return out;
}

let tmp: string;
let before: Map<string, string>;
let written: string[];

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "cinegate-new-vendor-"));
  for (const part of ["tsconfig.base.json", "server/src", "server/test/contract", "simulators/src", "docs/vendors"]) {
    cpSync(path.join(repo, part), path.join(tmp, part), { recursive: true });
  }
  symlinkSync(path.join(repo, "node_modules"), path.join(tmp, "node_modules"), "dir");
  before = snapshot(tmp);
  written = scaffoldVendor({ id: "acme", root: tmp, demoPort: 7199 });
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("npm run new-vendor", () => {
  it("writes the unit's folders and docs page and touches no other file", () => {
    const after = snapshot(tmp);
    for (const [file, hash] of before) expect(after.get(file), file).toBe(hash);
    const added = [...after.keys()].filter((f) => !before.has(f));
    expect(added.sort()).toEqual([...written].sort());
    for (const f of added) expect(NEW_FOLDERS.some((d) => f.startsWith(d)) || f === NEW_PAGE, f).toBe(true);
    expect(added).toEqual(expect.arrayContaining([`${NEW_FOLDERS[0]}descriptor.ts`, `${NEW_FOLDERS[1]}index.ts`]));
  });

  it("refuses an id that is taken", () => {
    expect(() => scaffoldVendor({ id: "acme", root: tmp, demoPort: 7199 })).toThrow(/exists already/);
  });

  it("its output compiles (tsc, strict)", () => {
    writeFileSync(
      path.join(tmp, "tsconfig.scaffold.json"),
      JSON.stringify({ extends: "./tsconfig.base.json", include: NEW_FOLDERS.map((d) => `${d}**/*.ts`) }),
    );
    const tsc = spawnSync(
      process.execPath,
      [path.join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.scaffold.json"],
      {
        cwd: tmp,
        encoding: "utf8",
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 90_000);

  it("its contract suite runs: what the scaffold implements passes, the calls still to write fail", () => {
    const report = path.join(tmp, "report.json");
    const run = spawnSync(
      process.execPath,
      [
        path.join(repo, "node_modules/vitest/vitest.mjs"),
        "run",
        "server/test/vendors/acme",
        "--root",
        tmp,
        "--reporter=json",
        `--outputFile=${report}`,
      ],
      { cwd: tmp, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } },
    );
    expect(run.status, run.stderr).toBe(1);
    const json = JSON.parse(readFileSync(report, "utf8")) as {
      testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
    };
    const results = new Map(json.testResults.flatMap((f) => f.assertionResults.map((a) => [a.title, a.status])));
    expect(results.get("the simulator's demo account fits the vendor's credential schema")).toBe("passed");
    expect(results.get("answers ping with valid credentials")).toBe("passed");
    expect(results.get("invalid credentials → auth_failed")).toBe("passed");
    expect(
      results.get("the recorded calls and logs of the whole suite contain no secret, password or full mobile"),
    ).toBe("passed");
    expect(results.get("lists showtimes for the business days asked, in the future and on sale")).toBe("failed");
    expect(results.get("locks seats, shows them taken, refuses a second lock, and releases")).toBe("failed");
  }, 90_000);
});
