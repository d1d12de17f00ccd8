/**
 * `npm run bench -- b1|b2|b3`: runs one benchmark (each is also its own script, e.g.
 * `npx tsx bench/b1-showtimes.ts`). Benchmarks are never part of `npm test`.
 */
const files: Record<string, string> = {
  b1: "./b1-showtimes.js",
  b2: "./b2-seat-map.js",
  b3: "./b3-sync-scale.js",
};
const name = process.argv[2] ?? "";
const file = files[name.toLowerCase()];
if (!file) {
  console.error(`usage: npm run bench -- <${Object.keys(files).join("|")}>`);
  process.exit(2);
}
await import(file);
