#!/usr/bin/env node
// Builds only the console (web/ → web/dist) when missing or stale; the browser tests use it
// (`--strict`: a failed build fails them). `npm start` uses ensure-build.mjs, which also builds
// the server.
import { ensure, targets } from "./build-freshness.mjs";

if (!ensure(targets.web)) {
  process.stderr.write("[cinegate] console build failed; the API starts anyway and /console says it is not built\n");
  process.exit(process.argv.includes("--strict") ? 1 : 0);
}
