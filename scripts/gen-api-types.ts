import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GEN_TYPES_COMMAND, ROOT, renderApiTypes } from "./api-types.js";

/**
 * `npm run gen:types`: writes web/src/api/*.gen.ts from the server's OpenAPI document. A file is
 * written only when its text changed, so the web build (which runs this first) is not rebuilt for
 * nothing. `--check` writes nothing and fails when a file is stale.
 */
const check = process.argv.includes("--check");
const stale: string[] = [];
for (const { file, text } of await renderApiTypes()) {
  const target = path.join(ROOT, file);
  const current = existsSync(target) ? readFileSync(target, "utf8") : null;
  if (current === text) continue;
  stale.push(file);
  if (!check) writeFileSync(target, text);
}
if (check && stale.length > 0) {
  process.stderr.write(`stale generated API types: ${stale.join(", ")}; run \`${GEN_TYPES_COMMAND}\`\n`);
  process.exit(1);
}
process.stdout.write(stale.length ? `wrote ${stale.join(", ")}\n` : "generated API types are up to date\n");
