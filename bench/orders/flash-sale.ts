/**
 * Flash sale (issue 8, "Chaos and load"): 2,000 concurrent buyers for 100 seats of one showtime,
 * each asking for one random seat of the 100 through the signed channel API at the same moment.
 * Expected: at most one order per seat (checked in our database and at the vendor), every loser
 * answered 409 SEAT_UNAVAILABLE, quickly. Reports lock decisions per second and p50/p99 latency
 * of the losers' and winners' answers.
 *
 *   npx tsx bench/orders/flash-sale.ts
 *
 * Settings (environment): FLASH_BUYERS (2000), FLASH_SEATS (100), FLASH_VENDOR (ykse | vista |
 * moviefan; ykse), FLASH_SEED. Cinegate runs as its own process (as `npm start` runs it), the
 * embedded PostgreSQL and the simulators in this one. Exits 1 on an oversell or a wrong answer.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { readJson } from "../../server/src/db/json-column.js";
import { seededRandom } from "../../simulators/src/core/faults.js";
import { startCluster } from "./lib/cluster.js";
import { readBookings } from "./lib/snapshot.js";
import { type Json, pickStages, type SeatVendor } from "./lib/trade.js";

const num = (name: string, def: number) => (process.env[name] ? Number(process.env[name]) : def);
const BUYERS = num("FLASH_BUYERS", 2000);
const SEATS = num("FLASH_SEATS", 100);
const VENDOR = (process.env.FLASH_VENDOR ?? "ykse") as SeatVendor;
const SEED = num("FLASH_SEED", 11);

const say = (line: string) => process.stdout.write(`[flash ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

interface Answer {
  status: number;
  code?: string;
  seat: string;
  ms: number;
  /** Milliseconds after the first request was sent that the answer arrived. */
  at: number;
}

async function main() {
  const cluster = await startCluster({ seed: SEED, cinemas: 12, hangMs: 30_000, log: say });
  const { platform, api, db, sims } = cluster;
  let failed = true;
  try {
    await platform.start();
    const stages = await pickStages(db, api, { perVendor: 6, marginMs: 3600_000, timeoutMs: 180_000, log: say });
    const stage = stages.find((s) => s.vendor === VENDOR && s.seats.length >= SEATS);
    if (!stage) throw new Error(`no ${VENDOR} showtime with ${SEATS} ordinary free seats`);
    const seats = stage.seats.slice(0, SEATS);
    say(`${VENDOR} 场次 / showtime ${stage.showtimeId}: ${seats.length} 个座位 / seats, ${BUYERS} 个买家 / buyers`);

    // The floor for "quickly" on this machine: the same number of signed requests at the same
    // moment, each a read the platform answers from its cache (the seat map), measured the same way
    // (after one unmeasured burst, so neither side is measured cold).
    const readSeatMap = async () => {
      const res = await api.get<Json>(`/v1/showtimes/${stage.showtimeId}/seats`);
      return { status: res.status, code: res.body?.code, seat: "" };
    };
    await burst(BUYERS, readSeatMap);
    const baseline = await burst(BUYERS, readSeatMap);

    const rand = seededRandom(SEED);
    const picks = Array.from({ length: BUYERS }, () => seats[Math.floor(rand() * seats.length)]!);
    const answers = await burst(BUYERS, async (i) => {
      const seat = picks[i]!;
      const res = await api.post<Json>(
        "/v1/orders",
        { showtimeId: stage.showtimeId, seatIds: [seat], mobile: "13800138000" },
        { "idempotency-key": `flash-${randomUUID()}` },
      );
      return { status: res.status, code: res.body?.code, seat };
    });
    const wallMs = Math.max(...answers.map((a) => a.at));

    const winners = answers.filter((a) => a.status === 201);
    const losers = answers.filter((a) => a.status === 409 && a.code === "SEAT_UNAVAILABLE");
    const other = answers.filter((a) => a.status !== 201 && !(a.status === 409 && a.code === "SEAT_UNAVAILABLE"));
    const otherCodes: Record<string, number> = {};
    for (const a of other) otherCodes[`${a.status} ${a.code}`] = (otherCodes[`${a.status} ${a.code}`] ?? 0) + 1;
    const wonSeats = new Set(winners.map((a) => a.seat));
    const pickedSeats = new Set(picks);

    // Oversell, seen from both sides: our orders holding a seat and the vendor's live locks.
    const held = await db
      .selectFrom("orders")
      .select(["seats"])
      .where("showtime_id", "=", stage.showtimeId)
      .where("status", "in", ["LOCKED", "CONFIRMING", "ISSUED"])
      .execute();
    const ourSeats = held.flatMap((r) => readJson<Array<{ seatId: string }>>(r.seats).map((s) => s.seatId));
    const vendorShowtime = await db
      .selectFrom("showtimes")
      .select("vendor_showtime_id")
      .where("id", "=", stage.showtimeId)
      .executeTakeFirstOrThrow();
    const vendorLocks = (await readBookings(sims.urls)).filter(
      (b) => b.vendor === VENDOR && b.state === "locked" && b.seatIds.length > 0,
    );
    const vendorSeats = vendorLocks.flatMap((b) => b.seatIds);
    const oversold =
      wonSeats.size !== winners.length ||
      new Set(ourSeats).size !== ourSeats.length ||
      new Set(vendorSeats).size !== vendorSeats.length ||
      winners.length > seats.length;

    const result = {
      machine: `${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()}`,
      vendor: VENDOR,
      vendorShowtimeId: vendorShowtime.vendor_showtime_id,
      buyers: BUYERS,
      seats: seats.length,
      seatsPicked: pickedSeats.size,
      winners: winners.length,
      distinctWinnerSeats: wonSeats.size,
      losersSeatUnavailable: losers.length,
      otherAnswers: otherCodes,
      ordersHoldingSeats: ourSeats.length,
      vendorLiveLocks: vendorLocks.length,
      oversold,
      wallMs: Math.round(wallMs),
      decisionsPerSecond: Math.round((answers.length / wallMs) * 1000),
      // Refusals need no vendor call; winners wait for the vendor lock, paced by the account's rate limit.
      refusalsPerSecond: Math.round((losers.length / Math.max(...losers.map((a) => a.at))) * 1000),
      loserMs: latency(losers),
      winnerMs: latency(winners),
      baselineReadMs: { ...latency(baseline), wallMs: Math.round(Math.max(...baseline.map((a) => a.at))) },
      loserP99OverBaselineP99: Number((latency(losers).p99 / Math.max(1, latency(baseline).p99)).toFixed(2)),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    // Every picked seat should be won exactly once: a seat nobody got while someone asked for it
    // means a buyer was refused a free seat.
    const unsold = [...pickedSeats].filter((s) => !wonSeats.has(s));
    if (unsold.length) say(`有人要但没卖出的座位 / seats asked for but not sold: ${unsold.length}`);
    const badBaseline = baseline.filter((a) => a.status !== 200).length;
    if (badBaseline) say(`基线读取失败 / baseline reads that failed: ${badBaseline}`);
    failed = oversold || other.length > 0 || unsold.length > 0 || badBaseline > 0;
    say(
      failed
        ? "失败 / FAILED"
        : "零超卖，所有落败者均为 SEAT_UNAVAILABLE / zero oversell, every loser SEAT_UNAVAILABLE",
    );
  } finally {
    if (failed) say(`Cinegate 日志 / log: ${cluster.logPath}`);
    await cluster.close(failed);
  }
  process.exit(failed ? 1 : 0);
}

/** `n` calls started at the same moment; each answer with its latency and when it arrived. */
async function burst(n: number, call: (i: number) => Promise<Omit<Answer, "ms" | "at">>): Promise<Answer[]> {
  const t0 = performance.now();
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const start = performance.now();
      const answer = await call(i).catch((err: Error) => ({ status: 0, code: `network: ${err.message}`, seat: "" }));
      const end = performance.now();
      return { ...answer, ms: end - start, at: end - t0 };
    }),
  );
}

function latency(answers: Answer[]) {
  const s = answers.map((a) => a.ms).sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0);
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

main().catch((err) => {
  process.stderr.write(`flash sale failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
