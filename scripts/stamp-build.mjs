#!/usr/bin/env node
// Written after a successful `tsc -p tsconfig.build.json`: ensure-build.mjs compares the sources'
// mtimes with this file's, so a build that failed half-way is never taken as current.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { root, targets } from "./build-freshness.mjs";

mkdirSync(path.join(root, "dist"), { recursive: true });
writeFileSync(targets.server.stamp, `${new Date().toISOString()}\n`);
