#!/usr/bin/env node
// Builds the console (web/ → web/dist) when the build is missing or older than its sources, so
// `npm start` serves a current console without a separate step, and costs only a few file stats
// when nothing changed. A failed build (e.g. dev dependencies omitted in production) is reported but
// does not stop the API from starting: /console then answers that it is not built.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const web = path.join(root, "web");
const built = path.join(web, "dist", "index.html");
const inputs = ["src", "index.html", "vite.config.ts", "package.json", "tsconfig.json"].map((p) => path.join(web, p));

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file changes only its directory's mtime
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(...inputs.map(newestMtime));
if (builtAt > 0 && builtAt >= sourcesAt) process.exit(0);

process.stdout.write(`[cinegate] building the console (web/dist is ${builtAt ? "older than web/src" : "missing"}) …\n`);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const res = spawnSync(npm, ["run", "build", "--workspace", "web", "--silent"], { cwd: root, stdio: "inherit" });
if (res.status !== 0) {
  process.stderr.write("[cinegate] console build failed; the API starts anyway and /console says it is not built\n");
  process.exit(process.argv.includes("--strict") ? 1 : 0);
}
