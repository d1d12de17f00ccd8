/**
 * Chaos run (issue 8, "Chaos and load"): ≥ 500 paid orders across ykse, VISTA and Moviefan through
 * the signed channel API while the simulators inject timeouts, lost responses, slow issues and
 * outages, and the Cinegate process is SIGKILLed and restarted at random moments. Afterwards the
 * platform runs on (no more kills, vendors healthy) until every order is final or flagged
 * needsAttention, and bench/orders/invariants.ts compares our database with the vendors' state.
 *
 *   npx tsx bench/orders/chaos.ts
 *
 * Settings (environment): CHAOS_ORDERS (500), CHAOS_KILLS (10), CHAOS_BUYERS (24), CHAOS_SEED,
 * CHAOS_TRADE_SECONDS (180: orders are paced over this long),
 * CHAOS_SETTLE_MINUTES (30, hard budget after the last kill: the longest documented timetable,
 * VISTA §2.2 then §3.12, runs about 27 min), CHAOS_FULL_FAULTS=1 (also the faults whose timetables
 * take 13–27 min, see lib/weather.ts), BENCH_KEEP_DIR=1 keeps the work dir
 * (database, Cinegate's log). Exits 1 when an invariant fails or orders are left unsettled.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { awaitsVendor, ORDER_STATUSES } from "../../server/src/domain/order-states.js";
import { seededRandom } from "../../simulators/src/core/faults.js";
import { checkInvariants } from "./invariants.js";
import { type Cluster, sleep, startCluster } from "./lib/cluster.js";
import { readBookings, readOrders } from "./lib/snapshot.js";
import { callWithRetry, type Json, pickStages, SEAT_VENDORS, type SeatVendor, type Stage } from "./lib/trade.js";
import { applyCalm, applyScenario, countVerdicts, pickScenario } from "./lib/weather.js";

const num = (name: string, def: number) => (process.env[name] ? Number(process.env[name]) : def);
const TARGET = num("CHAOS_ORDERS", 500);
const KILLS = num("CHAOS_KILLS", 10);
const BUYERS = num("CHAOS_BUYERS", 24);
const SEED = num("CHAOS_SEED", 8);
const SETTLE_MS = num("CHAOS_SETTLE_MINUTES", 30) * 60_000;
/** Orders are paced over this long, so the kills and fault changes land among them. */
const TRADE_MS = num("CHAOS_TRADE_SECONDS", 180) * 1000;
/**
 * How long a channel keeps retrying one request (same Idempotency-Key), and how long it accepts
 * "still being processed": a create whose node died mid-lock answers 409 until the sweeper ends the
 * dead attempt (2–3 minutes), then runs again.
 */
const PATIENCE_MS = 300_000;
const CONFLICT_PATIENCE_MS = 240_000;
/** Refund requests aimed at: about this share of issued orders at refundable vendors. */
const REFUND_SHARE = 0.12;

const say = (line: string) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const rand = seededRandom(SEED * 7919);

interface Placed {
  id: string;
  vendor: SeatVendor;
  totalFen: number;
}

const stats = {
  createAttempts: 0,
  createRetries: 0,
  createRefused: {} as Record<string, number>,
  createGaveUp: {} as Record<string, number>,
  confirmRetries: 0,
  confirmAccepted: 0,
  confirmGaveUp: 0,
  confirmNewKey: 0,
  confirmRefused: {} as Record<string, number>,
  refundRequested: 0,
  refundRefused: {} as Record<string, number>,
  refundGaveUp: 0,
  scenarios: {} as Record<string, number>,
};
const bump = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};

async function main() {
  const t0 = Date.now();
  say(`开始 / start: ${TARGET} 单, ≥${KILLS} 次 SIGKILL, ${BUYERS} 个并发买家 / concurrent buyers, seed ${SEED}`);
  const cluster = await startCluster({ seed: SEED, cinemas: 12, hangMs: 3000, log: say });
  const { sims, platform, api, db } = cluster;
  let failed = true;
  try {
    await platform.start();
    say(`Cinegate 已启动 / up at ${platform.url} (${platform.startMs[0]} ms)`);
    const stages = await pickStages(db, api, { perVendor: 6, marginMs: 3 * 3600_000, timeoutMs: 180_000, log: say });
    say(
      `演出场次 / showtimes: ${stages.length} (${SEAT_VENDORS.map((v) => `${v} ${stages.filter((s) => s.vendor === v).length}`).join(", ")})`,
    );
    const verdicts = Object.fromEntries(SEAT_VENDORS.map((v) => [v, countVerdicts(sims.faults[v])]));

    const placed: Placed[] = [];
    const paid: string[] = [];
    let trading = true;
    let lastKillAt = 0;

    // Buyers: create (1–2 seats), pay, confirm — retrying like a channel.
    let started = 0;
    const buyer = async (n: number) => {
      for (let i = 0; paid.length < TARGET; i++) {
        while (started >= BUYERS + (TARGET * (Date.now() - tradeStart)) / TRADE_MS) await sleep(100);
        started++;
        const vendor = SEAT_VENDORS[(n + i) % SEAT_VENDORS.length]!;
        const options = stages.filter((s) => s.vendor === vendor && s.seats.length >= 2);
        const stage = options[Math.floor(rand() * options.length)];
        if (!stage) throw new Error(`no seats left at ${vendor}; raise perVendor`);
        const order = await create(stage, rand() < 0.7 ? 1 : 2);
        if (!order) continue;
        placed.push(order);
        if (await confirm(order)) paid.push(order.id);
      }
    };

    const create = async (stage: Stage, nSeats: number): Promise<Placed | undefined> => {
      const seatIds = Array.from(
        { length: nSeats },
        () => stage.seats.splice(Math.floor(rand() * stage.seats.length), 1)[0]!,
      );
      stats.createAttempts++;
      const out = await callWithRetry<Json>(
        api,
        "POST",
        "/v1/orders",
        { showtimeId: stage.showtimeId, seatIds, mobile: "13800138000" },
        `create-${randomUUID()}`,
        PATIENCE_MS,
        CONFLICT_PATIENCE_MS,
      );
      stats.createRetries += out.tries - 1;
      if (out.kind === "gaveUp") {
        bump(stats.createGaveUp, out.last);
        return undefined;
      }
      if (out.res.status === 201 || out.res.status === 200)
        return { id: out.res.body.id, vendor: stage.vendor, totalFen: out.res.body.totalFen };
      bump(stats.createRefused, `${out.res.status} ${out.res.body?.code}`);
      return undefined;
    };

    const confirm = async (order: Placed): Promise<boolean> => {
      const body = { paidFen: order.totalFen, payment: { method: "wechat", tradeNo: `wx-${order.id}` } };
      for (let round = 0; round < 3; round++) {
        const out = await callWithRetry<Json>(
          api,
          "POST",
          `/v1/orders/${order.id}/confirm`,
          body,
          `confirm-${randomUUID()}`,
          PATIENCE_MS,
          CONFLICT_PATIENCE_MS,
        );
        stats.confirmRetries += out.tries - 1;
        if (out.kind === "answer") {
          if (out.res.status === 202 || out.res.status === 200) {
            stats.confirmAccepted++;
            return true;
          }
          bump(stats.confirmRefused, `${out.res.status} ${out.res.body?.code}`);
          return false;
        }
        // The key's first request died with the process: see whether the confirm happened, and
        // if the order is still LOCKED pay again under a new key (as a channel would).
        const now = await callWithRetry<Json>(api, "GET", `/v1/orders/${order.id}`, undefined, undefined, 60_000);
        const status = now.kind === "answer" ? now.res.body?.status : undefined;
        if (status && status !== "LOCKED") {
          stats.confirmAccepted++;
          return true;
        }
        stats.confirmNewKey++;
      }
      stats.confirmGaveUp++;
      return false;
    };

    // Refunds of a share of the issued orders at the vendors that refund (ykse, VISTA).
    const refunded = new Set<string>();
    const refunder = async () => {
      while (trading) {
        await sleep(1000);
        const candidates = placed.filter((p) => p.vendor !== "moviefan" && paid.includes(p.id) && !refunded.has(p.id));
        const pick = candidates[Math.floor(rand() * candidates.length)];
        if (!pick || refunded.size >= Math.ceil(TARGET * (2 / 3) * REFUND_SHARE)) continue;
        const cur = await callWithRetry<Json>(api, "GET", `/v1/orders/${pick.id}`, undefined, undefined, 30_000);
        if (cur.kind !== "answer" || cur.res.body?.status !== "ISSUED") continue;
        refunded.add(pick.id);
        const out = await callWithRetry<Json>(
          api,
          "POST",
          `/v1/orders/${pick.id}/refund`,
          { reason: "chaos: buyer changed plans" },
          `refund-${randomUUID()}`,
          PATIENCE_MS,
          CONFLICT_PATIENCE_MS,
        );
        if (out.kind === "gaveUp") stats.refundGaveUp++;
        else if (out.res.status === 202 || out.res.status === 200) stats.refundRequested++;
        else bump(stats.refundRefused, `${out.res.status} ${out.res.body?.code}`);
      }
    };

    // Fault weather: every 8–16 s each vendor gets a new scenario.
    const weather = async () => {
      while (trading) {
        for (const v of SEAT_VENDORS) {
          const name = pickScenario(rand);
          bump(stats.scenarios, `${v}:${name}`);
          applyScenario(sims.faults[v], v, name, rand);
        }
        await sleep(8000 + rand() * 8000);
      }
    };

    // The killer: KILLS SIGKILLs at random moments spread over the trading time (10–25 s of
    // uptime between them), restart after 0–2 s. Killing faster than the platform restarts and
    // its once-a-minute sweeper runs would only measure restarts (an earlier run did: 30 kills).
    const killer = async () => {
      while (platform.kills < KILLS) {
        await sleep(10_000 + rand() * 15_000);
        await platform.kill();
        lastKillAt = Date.now();
        say(`SIGKILL #${platform.kills} (已付款 / paid ${paid.length}/${TARGET})`);
        await sleep(rand() * 2000);
        await platform.start();
      }
    };

    const tradeStart = Date.now();
    const progress = setInterval(
      () =>
        say(
          `进度 / progress: 下单 / placed ${placed.length}, 已付款 / paid ${paid.length}, 退款 / refunds ${stats.refundRequested}, kills ${platform.kills}`,
        ),
      15_000,
    );
    const killing = killer();
    const side = Promise.all([refunder(), weather()]);
    await Promise.all(Array.from({ length: BUYERS }, (_, n) => buyer(n)));
    trading = false;
    const tradeMs = Date.now() - tradeStart;
    say(`交易结束 / trading done in ${(tradeMs / 1000).toFixed(0)} s; waiting for the remaining kills …`);
    await Promise.all([killing, side]);
    clearInterval(progress);
    if (!platform.running) await platform.start();

    // The vendors recover; the platform runs on until every order is final or flagged.
    for (const v of SEAT_VENDORS) applyCalm(sims.faults[v]);
    const settleStart = Date.now();
    let open = Number.POSITIVE_INFINITY;
    let lastSay = 0;
    while (Date.now() - lastKillAt < SETTLE_MS) {
      const rows = await openOrders(db);
      open = rows.length;
      if (open === 0) break;
      if (Date.now() - lastSay > 30_000) {
        lastSay = Date.now();
        const groups = new Map<string, number>();
        for (const r of rows) groups.set(`${r.vendor} ${r.status}`, (groups.get(`${r.vendor} ${r.status}`) ?? 0) + 1);
        say(`等待收敛 / settling: ${[...groups].map(([k, n]) => `${k} ${n}`).join(", ")}`);
      }
      await sleep(5000);
    }
    const settleMs = Date.now() - settleStart;
    say(
      open === 0
        ? `全部收敛 / all settled in ${(settleMs / 1000).toFixed(0)} s`
        : `预算用尽 / budget used up, ${open} open`,
    );
    // What an unsettled order was doing, so a failed run can be diagnosed without its database.
    for (const r of (await openOrders(db)).slice(0, 20)) {
      const trail = await db
        .selectFrom("order_steps")
        .select(["action", "outcome", "started_at"])
        .where("order_id", "=", r.id)
        .orderBy("id")
        .execute();
      say(
        `未收敛 / open ${r.vendor} ${r.status} ${r.id}: ${trail
          .map((t) => `${t.started_at.toISOString().slice(11, 19)} ${t.action}→${t.outcome ?? "…"}`)
          .join(", ")}`,
      );
    }

    const report = checkInvariants({
      orders: await readOrders(db),
      bookings: await readBookings(sims.urls),
      channelPaid: paid,
      now: Date.now(),
    });
    const result = {
      machine: `${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()}`,
      seed: SEED,
      fullFaults: process.env.CHAOS_FULL_FAULTS === "1",
      durationS: Math.round((Date.now() - t0) / 1000),
      tradeS: Math.round(tradeMs / 1000),
      settleS: Math.round(settleMs / 1000),
      unsettled: open,
      placed: placed.length,
      paid: paid.length,
      paidByVendor: Object.fromEntries(
        SEAT_VENDORS.map((v) => [v, placed.filter((p) => p.vendor === v && paid.includes(p.id)).length]),
      ),
      kills: platform.kills,
      starts: platform.starts,
      restartMs: { median: median(platform.startMs.slice(1)), max: Math.max(...platform.startMs.slice(1)) },
      channel: stats,
      verdicts,
      invariants: { ok: report.ok, violations: report.violations.length, warnings: report.warnings.length },
      byState: report.byState,
      byVendor: report.byVendor,
      // Refunds that ended back in ISSUED with lastRefundError (refused by the cinema, or never taken).
      refundsBackToIssued: Number(
        (
          await db
            .selectFrom("orders")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("status", "=", "ISSUED")
            .where("last_refund_error", "is not", null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      vendorStates: report.vendorStates,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    for (const v of report.violations.slice(0, 30)) say(`违反 / VIOLATION ${v.invariant}: ${v.message}`);
    for (const w of report.warnings.slice(0, 10)) say(`警告 / warning ${w.invariant}: ${w.message}`);
    failed = !report.ok || open > 0;
    say(failed ? "不变量检查失败 / invariant check FAILED" : "不变量全部成立 / all invariants hold");
  } finally {
    if (failed) say(`Cinegate 日志 / log: ${cluster.logPath}`);
    await cluster.close(failed);
  }
  process.exit(failed ? 1 : 0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

main().catch((err) => {
  process.stderr.write(`chaos run failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

/** Orders not yet final and not flagged needsAttention (an unpaid LOCKED order counts once its lock lapsed). */
function openOrders(db: Cluster["db"]) {
  return db
    .selectFrom("orders")
    .innerJoin("cinemas", "cinemas.id", "orders.cinema_id")
    .select(["orders.id", "orders.status", "cinemas.vendor"])
    .where("orders.needs_attention", "=", false)
    .where((eb) =>
      eb.or([
        eb("orders.status", "in", ORDER_STATUSES.filter(awaitsVendor)),
        eb.and([eb("orders.status", "=", "LOCKED"), eb("orders.locked_until", "<", new Date())]),
      ]),
    )
    .execute();
}
