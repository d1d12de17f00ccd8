import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverFirstAdminPassword, FIRST_ADMIN_FILE } from "../../src/console/first-admin-notice.js";

const admin = { username: "admin", password: "Gen3rated-Secret-Pw" };
let dir: string;
let lines: string[];
const say = (line: string) => lines.push(line);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cinegate-first-admin-"));
  lines = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("the first console admin's password", () => {
  it("is printed when a terminal is attached, and written nowhere", async () => {
    expect(await deliverFirstAdminPassword(admin, { isTTY: true, dataDir: dir, say })).toBeUndefined();
    expect(lines.join("\n")).toContain(`password=${admin.password}`);
    await expect(stat(path.join(dir, FIRST_ADMIN_FILE))).rejects.toThrow(/ENOENT/);
  });

  it("without a terminal goes to a 0600 file whose path is logged, never into the log", async () => {
    const file = await deliverFirstAdminPassword(admin, { isTTY: false, dataDir: path.join(dir, "data"), say });
    expect(file).toBe(path.join(dir, "data", FIRST_ADMIN_FILE));
    expect((await stat(file!)).mode & 0o777).toBe(0o600);
    expect(await readFile(file!, "utf8")).toBe(`username=admin\npassword=${admin.password}\n`);
    expect(lines.join("\n")).toContain(file!);
    expect(lines.join("\n")).not.toContain(admin.password);
  });

  it("replaces a file left by an earlier database with a new 0600 one", async () => {
    const stale = path.join(dir, FIRST_ADMIN_FILE);
    await writeFile(stale, "username=admin\npassword=old\n", { mode: 0o644 });
    await deliverFirstAdminPassword(admin, { isTTY: false, dataDir: dir, say });
    expect(await readFile(stale, "utf8")).toContain(admin.password);
    expect((await stat(stale)).mode & 0o777).toBe(0o600);
  });
});
