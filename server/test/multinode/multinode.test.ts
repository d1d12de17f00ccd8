import { randomBytes } from "node:crypto";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInvariants } from "../../../bench/orders/invariants.js";
import { PlatformProcess } from "../../../bench/orders/lib/cluster.js";
import { readBookings, readOrders } from "../../../bench/orders/lib/snapshot.js";
import { cinemaSimulators } from "../../../simulators/src/all.js";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../simulators/src/index.js";
import { ChannelClient } from "../../src/client/channel-client.js";
import { MAX_FAILURES } from "../../src/console/login-limiter.js";
import { ConsoleUsers } from "../../src/console/users.js";
import { freePort } from "../../src/db/embedded.js";
import { businessDayOf } from "../../src/domain/time.js";
import { call, login } from "../support/console.js";
import { createTestDatabase } from "../support/db.js";

/**
 * Several nodes on one PostgreSQL (issue 20 §4): two `--role api` processes and one `--role worker`
 * process, started from source as `npm run dev` does, on one test database, with the vendor
 * simulators in this process. A signed channel client spreads its requests over both API nodes;
 * orders placed on A are confirmed through B and end ISSUED; the worker is SIGKILLed while a
 * vendor confirm is in flight and a second worker takes over; console sessions, diagnosis runs and
 * the login throttle hold across the API nodes. Everything waits on /readyz or polls a state:
 * no fixed sleeps.
 */

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

const ADMIN_TOKEN = "multinode-admin-token-0123456789";
const CHANNEL = { code: "multinode", secret: "multinode-channel-secret-0123456789" };
const CONFIRM_CALL = "ykse.partner.order.confirmOrder";
/** How long the vendor sits on the confirm while the worker is killed (the call is cut off long before). */
const SLOW_CONFIRM_MS = 20_000;

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let sims: RunningSimulators;
let dir = "";
let log: WriteStream;
let apiA: PlatformProcess;
let apiB: PlatformProcess;
let worker: PlatformProcess;
let secondWorker: PlatformProcess | undefined;
/** What every node is started with (its role and ports are added per node). */
let env: Record<string, string> = {};
let cinemaId = "";
const served = { a: 0, b: 0 };

/** The nodes' combined output, for a failing assertion's message. */
const nodeLog = () => (log ? readFileSync(log.path as string, "utf8").slice(-4000) : "");

async function node(role: "api" | "worker", env: Record<string, string>): Promise<PlatformProcess> {
  const port = await freePort();
  // An API node is probed on its API port, a worker on its metrics listener (the only port it has).
  const ports: Record<string, string> =
    role === "api" ? { PORT: String(port), METRICS_PORT: "0" } : { METRICS_PORT: String(port) };
  return new PlatformProcess(`http://127.0.0.1:${port}`, { ...env, ...ports, CINEGATE_ROLE: role }, log);
}

const clientFor = (baseUrl: string, fetchVia?: typeof fetch) =>
  new ChannelClient({
    baseUrl,
    channelCode: CHANNEL.code,
    secret: CHANNEL.secret,
    ...(fetchVia ? { fetch: fetchVia } : {}),
  });

/** Sends each request to the next API node in turn, as a round-robin load balancer would. */
function roundRobin(): typeof fetch {
  let turn = 0;
  return (input, init) => {
    const target = turn++ % 2 === 0 ? apiA : apiB;
    served[target === apiA ? "a" : "b"]++;
    const url = new URL(String(input));
    url.host = new URL(target.url).host;
    return fetch(url, init);
  };
}

async function admin(baseUrl: string, method: string, route: string, body?: unknown): Promise<Json> {
  const res = await call(baseUrl, method, route, body, { authorization: `Bearer ${ADMIN_TOKEN}` });
  if (res.status >= 300) throw new Error(`${method} ${route} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cinegate-multinode-"));
  log = createWriteStream(path.join(dir, "nodes.log"));
  t = await createTestDatabase();
  sims = await startSimulators({ seed: 20, cinemas: cinemaSimulators().length, days: 2, faults: { hangMs: 2_000 } });
  env = {
    DATABASE_URL: t.url,
    CINEGATE_MASTER_KEY: randomBytes(32).toString("hex"),
    CINEGATE_ADMIN_TOKEN: ADMIN_TOKEN,
    CINEGATE_DEMO: "false",
    CINEGATE_SIMULATORS: "false",
    HOST: "127.0.0.1",
    METRICS_HOST: "127.0.0.1",
    DATA_DIR: path.join(dir, "data"),
    LOG_LEVEL: "warn",
    CINEGATE_SHUTDOWN_DEADLINE_MS: "5000",
  };
  apiA = await node("api", env);
  apiB = await node("api", env);
  worker = await node("worker", env);
  // One after another: three nodes starting at once on an empty database can deadlock in pg-boss's
  // queue creation (seen in CI; the start-up does not retry it yet — a known gap, docs/scaling.md).
  const startAll = async () => {
    for (const n of [apiA, apiB, worker]) await n.start();
  };
  await startAll().catch(async (err) => {
    await new Promise((r) => log.write("", r)); // flushed, so the message carries the nodes' last words
    throw new Error(`${err.message}\n${nodeLog()}`);
  });

  // Set-up through the admin API, split over both nodes: the channel on A, the vendor account on
  // B, the cinema on A. Onboarding queues the cinema's first sync, which only the worker runs.
  await admin(apiA.url, "POST", "/admin/channels", { code: CHANNEL.code, name: "多节点", secret: CHANNEL.secret });
  const account = await admin(apiB.url, "POST", "/admin/vendor-accounts", {
    vendor: "ykse",
    name: "multinode-ykse",
    baseUrl: sims.urls.ykse,
    credentials: demoAccounts.ykse,
  });
  const simCinema = sims.dataset.cinemas.find((c) => c.vendor === "ykse")!;
  const cinema = await admin(apiA.url, "POST", "/admin/cinemas", {
    vendorAccountId: account.id,
    vendorCinemaId: simCinema.internalCode,
    channels: [CHANNEL.code],
  });
  cinemaId = cinema.id;
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([apiA?.stop(), apiB?.stop(), worker?.stop(), secondWorker?.stop()]);
  await sims?.close();
  await t?.drop();
  log?.end();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A showtime on sale for at least two more hours, read through the balancer, and its free normal seats. */
async function sellable(api: ChannelClient): Promise<{ showtime: Json; seats: Json[] }> {
  const now = Date.now();
  for (const offset of [0, 1]) {
    const date = businessDayOf(now + offset * 86_400_000);
    const day = await api.get<Json>(`/v1/cinemas/${cinemaId}/showtimes?date=${date}&pageSize=200`);
    const showtime = (day.body.items ?? []).find(
      (s: Json) => s.onSale && new Date(s.stopSellingAt).getTime() > now + 2 * 3600_000,
    );
    if (!showtime) continue;
    const map = await api.get<Json>(`/v1/showtimes/${showtime.id}/seats`);
    const seats = (map.body.seats as Json[]).filter(
      (s) => s.type === "normal" && s.status === "available" && !s.areaId,
    );
    return { showtime, seats };
  }
  throw new Error("no sellable showtime yet");
}

let keys = 0;
const key = () => `mn-${Date.now()}-${++keys}`;

async function createOn(api: ChannelClient, showtimeId: string, seatId: string): Promise<Json> {
  const res = await api.post<Json>(
    "/v1/orders",
    { showtimeId, seatIds: [seatId], mobile: "13912345678" },
    { "idempotency-key": key() },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function confirmOn(api: ChannelClient, order: Json): Promise<void> {
  const res = await api.post<Json>(
    `/v1/orders/${order.id}/confirm`,
    { paidFen: order.totalFen, payment: { method: "wechat", tradeNo: `wx${order.id}` } },
    { "idempotency-key": key() },
  );
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
}

/** A console user made straight in the database (the CLI's path). */
async function consoleUser(username: string, role: "admin" | "support") {
  const password = `pw-${username}-0123456789`;
  await new ConsoleUsers(t.db).create({ username, role, password });
  return { username, password };
}

const statusOf = async (api: ChannelClient, id: string) => (await api.get<Json>(`/v1/orders/${id}`)).body.status;

describe("three nodes on one PostgreSQL", () => {
  it("a channel's orders: created on A, confirmed through B, issued by the worker; a killed worker's step is finished by the next", async () => {
    const spread = clientFor(apiA.url, roundRobin());
    const onA = clientFor(apiA.url);
    const onB = clientFor(apiB.url);

    // The cinema's first sync ran on the worker: its showtimes are visible through either node.
    await expect.poll(() => sellable(spread).catch(() => null), { timeout: 60_000, interval: 500 }).not.toBeNull();
    const { showtime, seats } = (await sellable(spread))!;
    expect(seats.length).toBeGreaterThanOrEqual(6);

    // A request's nonce is claimed in PostgreSQL: the same signed request replayed on B is refused.
    const headers = onA.signHeaders("GET", "/v1/cities", "");
    expect((await fetch(`${apiA.url}/v1/cities`, { headers })).status).toBe(200);
    const replay = await fetch(`${apiB.url}/v1/cities`, { headers });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as Json).code).toBe("REPLAYED_REQUEST");

    // Normal running: three orders, each created on A and confirmed through B.
    const calm = [];
    for (const seat of seats.slice(0, 3)) calm.push(await createOn(onA, showtime.id, seat.id));
    for (const order of calm) await confirmOn(onB, order);
    for (const order of calm) {
      await expect.poll(() => statusOf(spread, order.id), { timeout: 60_000, interval: 500 }).toBe("ISSUED");
    }

    // The vendor sits on confirms; an order's confirm step begins on the worker, which is SIGKILLed
    // while the call is in flight (journal row begun, not finished).
    sims.faults.ykse.update({ calls: { [CONFIRM_CALL]: { latencyMs: SLOW_CONFIRM_MS } } });
    const cutOff = await createOn(onA, showtime.id, seats[3]!.id);
    await confirmOn(onB, cutOff);
    await expect
      .poll(
        async () =>
          (
            await t.db
              .selectFrom("order_steps")
              .select("id")
              .where("order_id", "=", cutOff.id)
              .where("finished_at", "is", null)
              .execute()
          ).length,
        { timeout: 30_000, interval: 100 },
      )
      .toBeGreaterThan(0);
    await worker.kill();
    sims.faults.ykse.reset();

    // While no worker runs, the API nodes still take orders: they wait in the queue.
    const queued = await createOn(onB, showtime.id, seats[4]!.id);
    await confirmOn(onA, queued);
    expect(await statusOf(spread, queued.id)).not.toBe("ISSUED");

    // A second worker takes over: the queued order's step, and the cut-off one once the sweeper
    // finds it overdue (its pg-boss job is orphaned `active`; the journal's open call is asked about).
    secondWorker = await node("worker", env);
    await secondWorker.start();
    for (const order of [queued, cutOff]) {
      await expect.poll(() => statusOf(spread, order.id), { timeout: 240_000, interval: 1_000 }).toBe("ISSUED");
    }
    const steps = await t.db
      .selectFrom("order_steps")
      .select(["outcome", "finished_at"])
      .where("order_id", "=", cutOff.id)
      .execute();
    expect(
      steps.every((s) => s.finished_at !== null),
      nodeLog(),
    ).toBe(true);
    expect(steps.map((s) => s.outcome)).toContain("interrupted");
    // Every order ended once: nothing left in flight, nothing flagged.
    const all = await t.db
      .selectFrom("orders")
      .select(["id", "status", "needs_attention"])
      .where(
        "id",
        "in",
        [...calm, cutOff, queued].map((o) => o.id),
      )
      .execute();
    expect(all.map((o) => [o.status, o.needs_attention])).toEqual(all.map(() => ["ISSUED", false]));
    // And the vendors agree (the chaos run's checker): each issued once there, no seat sold twice,
    // no vendor sale or live lock without an order — the cut-off confirm was not made twice.
    const verdict = checkInvariants({
      orders: await readOrders(t.db),
      bookings: await readBookings(sims.urls),
      channelPaid: all.map((o) => o.id),
      now: Date.now(),
    });
    expect(verdict.violations).toEqual([]);
    expect(verdict.warnings).toEqual([]);
    // The balancer used both nodes.
    expect(served.a).toBeGreaterThan(0);
    expect(served.b).toBeGreaterThan(0);
  }, 360_000);

  it("console: a session made on A works on B; a diagnosis started on A is read on B; logout on B ends it on A", async () => {
    const user = await consoleUser("mn-admin", "admin");
    const onA = await login(apiA.url, user.username, user.password);
    const onB = {
      ...onA,
      request: (m: string, p: string, b?: unknown) =>
        call(apiB.url, m, p, b, { cookie: onA.cookie, "x-csrf-token": onA.csrfToken }),
    };
    const me = await onB.request("GET", "/admin/me");
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe("mn-admin");

    const started = await onA.request("POST", `/admin/cinemas/${cinemaId}/diagnosis`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.id;
    const first = await onB.request("GET", `/admin/diagnosis/${runId}`);
    expect(first.status).toBe(200);
    expect(first.body.cinemaId).toBe(cinemaId);
    // Node A runs the checks and rewrites the run; B reads them as they finish.
    await expect
      .poll(async () => (await onB.request("GET", `/admin/diagnosis/${runId}`)).body.status, { timeout: 30_000 })
      .toBe("done");

    expect((await onB.request("POST", "/admin/logout")).status).toBe(204);
    expect((await onA.request("GET", "/admin/me")).status).toBe(401);
  }, 60_000);

  it("the login throttle reached through A and B holds on both", async () => {
    const user = await consoleUser("mn-throttled", "support");
    for (let i = 0; i < MAX_FAILURES; i++) {
      const via = i % 2 === 0 ? apiA : apiB;
      const res = await call(via.url, "POST", "/admin/login", {
        username: user.username,
        password: `wrong-${i}-guess`,
      });
      expect(res.status).toBe(401);
    }
    for (const via of [apiA, apiB]) {
      const res = await call(via.url, "POST", "/admin/login", user);
      expect(res.status).toBe(429);
      expect(res.body.code).toBe("RATE_LIMITED");
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });
});
