import { sql } from "kysely";
import { ChannelClient } from "../server/src/client/channel-client.js";
import { addDays, businessDayOf } from "../server/src/domain/time.js";
import { runLoad } from "./lib/load.js";
import { log, machine, withBudget } from "./lib/report.js";
import { startSyncedNode } from "./lib/synced-node.js";
import { startWorld } from "./lib/world.js";

/**
 * B2: 200 concurrent clients on ONE showtime's live seat map for 30 s. The seat status is cached
 * 3 s and coalesced, so the vendor must see at most one seat-status call per cache window,
 * whatever the concurrency: ≤ ceil(30 / 3) + 1 calls (the +1 is the window already open at start).
 */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const WINDOW_SEC = 3;

await withBudget("B2", 3 * 60_000, async (defer) => {
  log(`B2 seat map — ${machine()}`);
  const world = await startWorld({ cinemas: 12, days: 3, log });
  defer(() => world.close());
  const node = await startSyncedNode(world, defer, 3);

  const vendor = process.env.BENCH_VENDOR ?? "ykse";
  const tomorrow = addDays(businessDayOf(Date.now()), 1);
  const { rows } = await sql<{ id: string; cinema: string; starts_at: Date }>`
    select s.id, c.name as cinema, s.starts_at from showtimes s join cinemas c on c.id = s.cinema_id
    where c.vendor = ${vendor} and s.business_day = ${tomorrow} and s.valid order by s.starts_at limit 1`.execute(
    world.db,
  );
  const showtime = rows[0];
  if (!showtime) throw new Error(`no ${vendor} showtime on ${tomorrow}`);
  const path = `/v1/showtimes/${showtime.id}/seats`;
  const api = new ChannelClient({ baseUrl: node.url, channelCode: world.channel.code, secret: world.channel.secret });
  const first = await api.get<{ seats: unknown[] }>(path);
  if (first.status !== 200) throw new Error(`${path} answered ${first.status}: ${JSON.stringify(first.body)}`);
  log(
    `target ${path} (${vendor}, ${showtime.cinema}, ${showtime.starts_at.toISOString()}): ${first.body.seats.length} seats`,
  );

  const faults = world.sims.faults[vendor as keyof typeof world.sims.faults];
  // Every call the vendor sees during the run is counted (only seat-status calls are expected).
  const simBefore = new Map(faults.callCounts);
  const svcBefore = (await node.call<{ seatVendorCalls: number }>("stats")).seatVendorCalls;
  const r = await runLoad({
    label: "seat map (signed)",
    baseUrl: node.url,
    path,
    connections: CONNECTIONS,
    durationSec: DURATION,
    channel: world.channel,
  });
  const byCall = [...faults.callCounts]
    .map(([k, v]) => [k, v - (simBefore.get(k) ?? 0)] as const)
    .filter(([, n]) => n > 0);
  const simCalls = byCall.reduce((n, [, v]) => n + v, 0);
  const callName = byCall.map(([k, v]) => `${k} ×${v}`).join(", ");
  const svcCalls = (await node.call<{ seatVendorCalls: number }>("stats")).seatVendorCalls - svcBefore;
  const bound = Math.ceil(DURATION / WINDOW_SEC) + 1;

  console.log(
    [
      "",
      "| connections | duration s | req/s | p50 ms | p99 ms | max ms | requests | non-2xx | errors |",
      "|---|---|---|---|---|---|---|---|---|",
      `| ${r.connections} | ${r.durationSec} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.max} | ${r.total} | ${r.non2xx} | ${r.errors + r.timeouts} |`,
    ].join("\n"),
  );
  console.log(
    `\nvendor calls seen by the simulator during the run: ${simCalls} (${callName}); SeatStatusService.vendorCalls: ${svcCalls}`,
  );
  console.log(`requests per vendor call: ${Math.round(r.total / Math.max(simCalls, 1))}`);
  const ok = simCalls <= bound && svcCalls <= bound;
  console.log(`bound ≤ 1 per ${WINDOW_SEC} s window = ${bound} → ${ok ? "MET" : "NOT MET"}`);
  if (!ok || r.non2xx > 0 || r.errors > 0) process.exitCode = 1;
});
