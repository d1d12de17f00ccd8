import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";

/**
 * The buyer site's first screen stays under 150 KB of JavaScript, gzipped (issue 17: fast on a slow
 * phone). Measured on the real build (made by the test run's global setup) from vite's manifest:
 * the entry and everything it imports statically, plus the home page's chunk and its imports —
 * what a phone downloads before the home page can render. The other pages are separate chunks loaded on the way.
 */
const DIST = path.resolve(import.meta.dirname, "../../../web/dist-h5");
const BUDGET = 150 * 1024;

interface Chunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

it("the home page's first screen is under 150 KB of JS (gzip)", () => {
  const manifest = JSON.parse(readFileSync(path.join(DIST, ".vite/manifest.json"), "utf8")) as Record<string, Chunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  const home = Object.keys(manifest).find((k) => k.endsWith("pages/home.tsx"));
  expect(entry).toBeDefined();
  expect(home).toBeDefined();
  const files = new Set<string>();
  const visit = (key: string) => {
    const c = manifest[key];
    if (!c || files.has(c.file)) return;
    files.add(c.file);
    for (const i of c.imports ?? []) visit(i);
  };
  visit(entry!);
  visit(home!);
  const js = [...files].filter((f) => f.endsWith(".js"));
  const gzipped = js.map((f) => gzipSync(readFileSync(path.join(DIST, f)), { level: 9 }).length);
  const total = gzipped.reduce((a, b) => a + b, 0);
  console.info(`buyer site first screen: ${js.length} JS files, ${(total / 1024).toFixed(1)} KB gzip`);
  expect(js.length).toBeGreaterThan(1);
  expect(total).toBeLessThan(BUDGET);
  // The console's bundle (antd) is not part of it.
  for (const f of js) expect(readFileSync(path.join(DIST, f), "utf8")).not.toContain("ant-layout");
});
