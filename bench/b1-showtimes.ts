import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ChannelClient } from "../server/src/client/channel-client.js";
import { addDays, businessDayOf } from "../server/src/domain/time.js";
import type { RuleInput } from "../server/src/pricing/rule.js";
import { PricingRuleStore } from "../server/src/pricing/rule-store.js";
import { forkNode } from "./lib/child.js";
import { type LoadResult, runLoad } from "./lib/load.js";
import { log, machine, withBudget } from "./lib/report.js";
import { startSyncedNode } from "./lib/synced-node.js";
import { startWorld, type World } from "./lib/world.js";

/**
 * B1: GET /v1/cinemas/{id}/showtimes?date= at 100 connections, every request signed with a fresh
 * nonce, against a bare Fastify route answering the same bytes, in the same run.
 * Target: ≥ 50 % of the bare route's throughput and p99 < 50 ms.
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
/** Seconds of load per side, split over ROUNDS alternating rounds. */
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = 3;
/** Requests per second of the paced (not saturating) run. */
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 1000);
/** Active pricing rules during the run (issue 18's variant: 200); 0 = none, the original B1. */
const PRICING_RULES = Number(process.env.BENCH_PRICING_RULES ?? 0);

await withBudget("B1", 4 * 60_000, async (defer) => {
  log(`B1 showtimes — ${machine()}`);
  const world = await startWorld({ cinemas: 12, days: 3, log });
  defer(() => world.close());
  const node = await startSyncedNode(world, defer, 3);

  // Tomorrow's business day is complete (no show has passed its stop-selling time yet).
  const date = addDays(businessDayOf(Date.now()), 1);
  if (PRICING_RULES > 0) {
    await addPricingRules(world, PRICING_RULES, date);
    log(`${PRICING_RULES} active pricing rules`);
  }
  const api = new ChannelClient({ baseUrl: node.url, channelCode: world.channel.code, secret: world.channel.secret });
  let best = { path: "", total: -1, body: "" };
  for (const c of world.cinemas) {
    const p = `/v1/cinemas/${c.id}/showtimes?date=${date}`;
    const res = await api.get<{ total: number }>(p);
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    if (res.body.total > best.total) best = { path: p, total: res.body.total, body: JSON.stringify(res.body) };
  }
  log(`target ${best.path}: ${best.total} showtimes, ${best.body.length} bytes of JSON`);
  if (PRICING_RULES > 0) {
    // The variant measures nothing if no rule reaches the target: count the showtimes a rule repriced.
    const served = (JSON.parse(best.body) as { items: Array<{ id: string; price: { saleFen: number } }> }).items;
    const stored = await world.db
      .selectFrom("showtimes")
      .select(["id", "sale_fen"])
      .where(
        "id",
        "in",
        served.map((i) => i.id),
      )
      .execute();
    const floor = new Map(stored.map((r) => [r.id, r.sale_fen]));
    const repriced = served.filter((i) => i.price.saleFen !== floor.get(i.id)).length;
    log(`${repriced} of ${served.length} target showtimes priced by a rule (the rest sell at the floor)`);
  }

  const bodyFile = path.join(os.tmpdir(), `cinegate-b1-${process.pid}.json`);
  await writeFile(bodyFile, best.body);
  defer(() => rm(bodyFile, { force: true }));
  const bare = await forkNode("./bare-node.ts", { BENCH_BARE_BODY_FILE: bodyFile });
  defer(() => bare.stop());
  const bareBytes = (await (await fetch(new URL(best.path, bare.url))).text()).length;
  if (bareBytes !== best.body.length) throw new Error(`bare body ${bareBytes} B != ${best.body.length} B`);

  // The real route's answer must be cacheable like any catalogue read: same ETag, 304 on a match.
  const tagged = await api.get(best.path);
  const etag = tagged.headers.get("etag");
  const revalidated = await api.request("GET", best.path, undefined, { "if-none-match": etag ?? "" });
  if (!etag || revalidated.status !== 304) throw new Error(`ETag ${etag} revalidation answered ${revalidated.status}`);

  const bareLoad = { label: "bare Fastify route", baseUrl: bare.url, path: best.path, connections: CONNECTIONS };
  const appLoad = { ...bareLoad, label: "Cinegate showtimes (signed)", baseUrl: node.url, channel: world.channel };
  log(`warm-up ${WARMUP} s each`);
  await runLoad({ ...bareLoad, durationSec: WARMUP });
  await runLoad({ ...appLoad, durationSec: WARMUP });
  // Bare and signed alternate in short rounds so that other load on the machine, which drifts over
  // a minute, weighs on both sides of the ratio alike.
  const slice = Math.max(1, Math.round(DURATION / ROUNDS));
  log(`measuring ${ROUNDS} rounds × (${slice} s bare + ${slice} s signed) at ${CONNECTIONS} connections`);
  const bareRounds: LoadResult[] = [];
  const appRounds: LoadResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    bareRounds.push(await runLoad({ ...bareLoad, durationSec: slice }));
    appRounds.push(await runLoad({ ...appLoad, durationSec: slice }));
    log(
      `round ${i + 1}: bare ${bareRounds[i]?.reqPerSec} req/s, signed ${appRounds[i]?.reqPerSec} req/s; load average ${os.loadavg()[0]?.toFixed(1)}`,
    );
  }
  // Closed-loop load at 100 connections runs each side flat out, so its latency is mostly queueing
  // (Little's law: mean latency = connections / throughput). A paced run at a rate both sides
  // sustain shows the latency of the work itself.
  const paced = { durationSec: slice, overallRate: PACED_RATE };
  log(`paced: ${PACED_RATE} req/s over ${CONNECTIONS} connections, ${slice} s each`);
  const bp = await runLoad({ ...bareLoad, ...paced, label: `bare, paced ${PACED_RATE}/s` });
  const ap = await runLoad({ ...appLoad, ...paced, label: `signed, paced ${PACED_RATE}/s` });
  const b = combine(bareRounds);
  const a = combine(appRounds);
  const rss = await node.call<{ rss: number }>("stats");

  const row = (r: LoadResult) =>
    `| ${r.label} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.max} | ${r.total} | ${r.non2xx} | ${r.errors + r.timeouts} |`;
  console.log(
    [
      "",
      `| route (${ROUNDS} rounds) | req/s | p50 ms | p99 ms (worst round) | max ms | requests | non-2xx | errors |`,
      "|---|---|---|---|---|---|---|---|",
      row(b),
      row(a),
      row(bp),
      row(ap),
    ].join("\n"),
  );
  const ratios = appRounds.map((r, i) => r.reqPerSec / (bareRounds[i]?.reqPerSec ?? Number.NaN));
  const ratio = a.reqPerSec / b.reqPerSec;
  const okRatio = ratio >= 0.5;
  const okP99 = a.p99 < 50;
  const clean = [a, ap].every((r) => r.non2xx === 0 && r.errors === 0 && r.timeouts === 0);
  console.log(
    `\nthroughput ratio (signed / bare): ${(ratio * 100).toFixed(1)} % (rounds ${ratios.map((r) => `${(r * 100).toFixed(0)} %`).join(", ")}) → ${okRatio ? "MET" : "NOT MET"} (≥ 50 %)`,
  );
  console.log(
    `p99 signed: ${a.p99} ms → ${okP99 ? "MET" : "NOT MET"} (< 50 ms); bare route p99 ${b.p99} ms in the same run`,
  );
  console.log(
    `paced at ${PACED_RATE} req/s: p99 signed ${ap.p99} ms (${ap.reqPerSec} req/s served), bare ${bp.p99} ms (${bp.reqPerSec} req/s)`,
  );
  console.log(
    `all signed requests answered 200: ${clean ? "yes" : "NO"}; platform RSS ${Math.round(rss.rss / 2 ** 20)} MiB`,
  );
  if (!clean) process.exitCode = 1;
});

/** Rounds of one side as one result: total requests over total time; percentiles of the worst round. */
function combine(rounds: LoadResult[]): LoadResult {
  const first = rounds[0];
  if (!first) throw new Error("no rounds");
  const sum = (f: (r: LoadResult) => number) => rounds.reduce((n, r) => n + f(r), 0);
  const worst = (f: (r: LoadResult) => number) => Math.max(...rounds.map(f));
  const durationSec = sum((r) => r.durationSec);
  return {
    ...first,
    durationSec,
    total: sum((r) => r.total),
    reqPerSec: Math.round(sum((r) => r.total) / durationSec),
    p50: worst((r) => r.p50),
    p99: worst((r) => r.p99),
    max: worst((r) => r.max),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  };
}

/**
 * Issue 18's B1 variant: `n` enabled rules of every kind of scope (channel, cinema, vendor,
 * version, weekday, time band incl. one wrapping midnight, date range), so the catalogue read
 * prices each showtime against a realistic rule list. Each has its own priority: no two tie.
 */
async function addPricingRules(world: World, n: number, date: string): Promise<void> {
  const store = new PricingRuleStore(world.db);
  const cinemas = world.cinemas;
  for (let i = 0; i < n; i++) {
    const c = cinemas[i % cinemas.length]!;
    const scopes: RuleInput["scope"][] = [
      { channels: [world.channel.code], cinemaIds: [c.id], weekdays: [1 + (i % 7)] },
      { cinemaIds: [c.id], timeFrom: "18:00", timeTo: "23:00" },
      { vendors: [c.vendor], versions: ["IMAX", "3D"] },
      { channels: [world.channel.code], timeFrom: "22:00", timeTo: "02:00", dateFrom: date, dateTo: date },
    ];
    await store.create(
      {
        name: `bench rule ${i}`,
        enabled: true,
        priority: i,
        scope: scopes[i % scopes.length]!,
        price:
          i % 2 === 0
            ? { base: "list", op: "add", valueFen: 100 * (i % 10) }
            : { base: "settle", op: "percent", percent: 110 + (i % 20), roundToFen: 100 },
      },
      "bench",
    );
  }
}
