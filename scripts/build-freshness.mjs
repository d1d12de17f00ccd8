// Shared by ensure-build.mjs and ensure-web-build.mjs: is a build older than its inputs, and run one.
// Plain JavaScript (no tsx) so it runs before anything is built, even without dev dependencies.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Newest mtime under `p` (0 when missing); directories count too, since deleting a file changes only its directory. */
export function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/**
 * The build targets `npm start` needs. `stamp` is a file the build writes last, so a build that
 * failed half-way is never taken as current.
 */
export const targets = {
  server: {
    what: "the server and simulators (tsc → dist/)",
    stamp: path.join(root, "dist", ".build-stamp"),
    inputs: ["server/src", "simulators/src", "tsconfig.base.json", "tsconfig.build.json", "package.json"],
    command: ["run", "build:server", "--silent"],
    required: true,
  },
  web: {
    what: "the console and the buyer site (vite → web/dist, web/dist-h5)",
    // The buyer site is built last: its page is the stamp of both.
    stamp: path.join(root, "web", "dist-h5", "index.html"),
    inputs: [
      "web/src",
      "web/index.html",
      "web/h5",
      "web/vite.config.ts",
      "web/vite.h5.config.ts",
      "web/package.json",
      "web/tsconfig.json",
    ],
    command: ["run", "build", "--workspace", "web", "--silent"],
    // Without dev dependencies (production) the console cannot be built; the API still starts and
    // /console answers that it is not built.
    required: false,
  },
};

/** Why `target` must be built, or null when its build is current. */
export function staleness(target) {
  const builtAt = existsSync(target.stamp) ? statSync(target.stamp).mtimeMs : 0;
  if (builtAt === 0) return "missing";
  const sourcesAt = Math.max(...target.inputs.map((p) => newestMtime(path.join(root, p))));
  return sourcesAt > builtAt ? "older than its sources" : null;
}

/** Builds `target` when stale; returns false when a build was needed and failed. */
export function ensure(target) {
  const why = staleness(target);
  if (why === null) return true;
  process.stdout.write(`[cinegate] building ${target.what}: the build is ${why} …\n`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // Always a production build: a caller's NODE_ENV (vitest sets "test") would otherwise give React's
  // development bundle, three times the size of what buyers and support staff download.
  const env = { ...process.env, NODE_ENV: "production" };
  const res = spawnSync(npm, target.command, { cwd: root, stdio: "inherit", env });
  return res.status === 0;
}
