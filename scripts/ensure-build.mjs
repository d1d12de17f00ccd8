#!/usr/bin/env node
// `npm start` runs compiled JavaScript: this builds the server + simulators (dist/) and the console
// (web/dist) first when a build is missing or older than its sources, and costs only a few file
// stats when nothing changed. A failed server build stops the start (there is nothing to run); a
// failed console build does not (/console then says it is not built), unless --strict.
import { ensure, targets } from "./build-freshness.mjs";

const strict = process.argv.includes("--strict");
if (!ensure(targets.server)) {
  process.stderr.write("[cinegate] server build failed (npm run build:server); not starting\n");
  process.exit(1);
}
if (!ensure(targets.web)) {
  process.stderr.write("[cinegate] console build failed; the API starts anyway and /console says it is not built\n");
  if (strict) process.exit(1);
}
