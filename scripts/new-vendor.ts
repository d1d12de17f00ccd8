/**
 * `npm run new-vendor -- <id> [--root <dir>] [--port <n>]`: writes a new seat vendor's unit from the
 * templates in scripts/new-vendor/templates — descriptor, client, codes, mapping, recovery and
 * connector under server/src/vendors/<id>/, its simulator under simulators/src/<id>/, its contract
 * test under server/test/vendors/<id>/ and docs/vendors/<id>.md. It creates those folders and that
 * page only and edits nothing else: registering the vendor is a deliberate last step, one line in
 * each of the two lists (docs/adding-a-vendor.md).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { connectedVendors, vendors } from "../server/src/vendors/all.js";

const TEMPLATES = path.join(path.dirname(fileURLToPath(import.meta.url)), "new-vendor", "templates");

/** Where each template folder's files go, relative to the tree's root. */
const TARGETS: Record<string, (id: string) => string> = {
  server: (id) => `server/src/vendors/${id}`,
  simulator: (id) => `simulators/src/${id}`,
  test: (id) => `server/test/vendors/${id}`,
};

export interface ScaffoldOptions {
  id: string;
  /** The tree to write into (default: this repository). */
  root: string;
  demoPort: number;
}

/** Writes the unit; returns the paths written, relative to the root. Refuses an id already in use. */
export function scaffoldVendor(opts: ScaffoldOptions): string[] {
  const { id, root } = opts;
  if (!/^[a-z][a-z0-9]{1,19}$/.test(id)) {
    throw new Error(`vendor id "${id}": lowercase letters and digits, starting with a letter, 2–20 characters`);
  }
  const fill = (text: string) =>
    text
      .replaceAll("__ID__", id.toUpperCase())
      .replaceAll("__Id__", id[0]!.toUpperCase() + id.slice(1))
      .replaceAll("__id__", id)
      .replaceAll("__port__", String(opts.demoPort));
  const planned: Array<[string, string]> = [];
  for (const [folder, target] of Object.entries(TARGETS)) {
    for (const file of readdirSync(path.join(TEMPLATES, folder))) {
      planned.push([path.join(TEMPLATES, folder, file), path.join(target(id), file.replace(/\.tpl$/, ""))]);
    }
  }
  planned.push([path.join(TEMPLATES, "docs", "vendor.md.tpl"), `docs/vendors/${id}.md`]);
  const taken = planned.map(([, to]) => to).filter((to) => existsSync(path.join(root, to)));
  if (taken.length > 0) throw new Error(`vendor "${id}" exists already: ${taken.join(", ")}`);
  for (const [from, to] of planned) {
    mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
    writeFileSync(path.join(root, to), fill(readFileSync(from, "utf8")), { flag: "wx" });
  }
  return planned.map(([, to]) => to);
}

function main(argv: string[]): void {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const root = path.resolve(flag("--root") ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const port = Number(flag("--port") ?? Math.max(...connectedVendors.map((v) => v.demoPort)) + 1);
  const id = args[0];
  if (!id) {
    console.error("usage: npm run new-vendor -- <id> [--root <dir>] [--port <n>]");
    process.exit(2);
  }
  if (vendors.some((v) => v.id === id)) {
    console.error(`vendor "${id}" is registered already`);
    process.exit(1);
  }
  const written = scaffoldVendor({ id, root, demoPort: port });
  console.log(`wrote ${written.length} files:\n${written.map((f) => `  ${f}`).join("\n")}`);
  console.log(
    `\nnext: npx vitest run server/test/vendors/${id} — the contract suite lists what is left to write.` +
      `\nwhen it passes, register the vendor (docs/adding-a-vendor.md):` +
      `\n  server/src/vendors/all.ts     import { ${id} } from "./${id}/descriptor.js";  and add ${id} to \`vendors\`` +
      `\n  simulators/src/all.ts         import { ${id}Simulator } from "./${id}/descriptor.js";  and add it to \`simulators\``,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
