import { readFileSync } from "node:fs";

/**
 * Summarises a V8 .cpuprofile (from BENCH_CPU_PROF=<dir>): self time by function and by package,
 * so docs/benchmarks.md can say where the time goes. Usage: npx tsx bench/profile-summary.ts <file>
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const [file, fromArg, toArg] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [fromSec toSec]");
const from = Number(fromArg ?? 0) * 1e6;
const to = toArg ? Number(toArg) * 1e6 : Number.POSITIVE_INFINITY;
const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
const idleBySecond: number[] = [];
let clock = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  clock += dt;
  const sec = Math.floor(clock / 1e6);
  if (byId.get(id)?.callFrame.functionName === "(idle)") idleBySecond[sec] = (idleBySecond[sec] ?? 0) + dt;
  if (clock >= from && clock < to) self.set(id, (self.get(id) ?? 0) + dt);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url: string): string => {
  if (!url) return "(native/vm)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith("node:")) return url;
  const m = url.match(/\/(server|simulators|bench)\/src\/(.*)$/) ?? url.match(/\/(bench)\/(.*)$/);
  return m ? `${m[1]}/${m[2]}` : url;
};
const add = (map: Map<string, number>, key: string, v: number) => map.set(key, (map.get(key) ?? 0) + v);
const fns = new Map<string, number>();
const pkgs = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id);
  if (!n) continue;
  const f = n.callFrame;
  add(fns, `${f.functionName || "(anonymous)"} ${where(f.url)}:${f.lineNumber + 1}`, t);
  add(pkgs, where(f.url), t);
}
const top = (map: Map<string, number>, n: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
    .join("\n");
const timeline = idleBySecond.map((v, i) => `${i}:${Math.round(100 - (v ?? 0) / 1e4)}`).join(" ");
console.log(`busy % per second since start: ${timeline}\n`);
console.log(
  `total ${(total / 1e6).toFixed(1)} s sampled\n\nby package / file:\n${top(pkgs, 20)}\n\nby function:\n${top(fns, 25)}`,
);
