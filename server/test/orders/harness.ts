import { afterAll, beforeAll } from "vitest";
import { cinemaSimulators, type SeatVendorId } from "../../../simulators/src/all.js";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../simulators/src/index.js";
import { ChannelClient } from "../../src/client/channel-client.js";
import { businessDayOf } from "../../src/domain/time.js";
import { DEMO_SECRET, startTestApp, TEST_ADMIN_TOKEN, type TestApp, type TestAppOptions } from "../support/app.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
export type Json = any;

export interface OrderWorld {
  sims: RunningSimulators;
  t: TestApp;
  api: ChannelClient;
  vendor: SeatVendorId;
  cinemaId: string;
  /** Advances the simulators' (and so the platform's) clock. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** Simulators + the app + one onboarded cinema of `vendor`, all on the simulators' clock. */
export async function orderWorld(
  vendor: OrderWorld["vendor"],
  seed = 21,
  appOpts: Omit<TestAppOptions, "catalogClock"> = {},
): Promise<OrderWorld> {
  const sims = await startSimulators({
    seed,
    cinemas: 2 * cinemaSimulators().length,
    days: 2,
    faults: { hangMs: 800 },
  });
  const clock = { now: () => sims.clocks[vendor].now() };
  const t = await startTestApp({ ...appOpts, catalogClock: clock });
  const post = async (path: string, body: unknown) =>
    (await (
      await fetch(new URL(path, t.baseUrl), {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    ).json()) as Json;
  const account = await post("/admin/vendor-accounts", {
    vendor,
    name: `orders-${vendor}`,
    baseUrl: sims.urls[vendor],
    credentials: demoAccounts[vendor],
  });
  const c = sims.dataset.cinemas.find((x) => x.vendor === vendor)!;
  const cinema = await post("/admin/cinemas", {
    vendorAccountId: account.id,
    vendorCinemaId: c.internalCode,
    channels: ["demo"],
  });
  return {
    sims,
    t,
    vendor,
    api: new ChannelClient({ baseUrl: t.baseUrl, channelCode: "demo", secret: DEMO_SECRET }),
    cinemaId: cinema.id,
    advance: (ms) => sims.clocks[vendor].advance(ms),
    close: async () => {
      await t.close();
      await sims.close();
    },
  };
}

/** A showtime on sale for at least another `hours` hours, and its seat map. */
export async function sellableShowtime(w: OrderWorld, hours = 3): Promise<{ showtime: Json; seats: Json[] }> {
  const now = w.sims.clocks[w.vendor].now();
  for (const offset of [0, 1]) {
    const date = businessDayOf(now + offset * 86_400_000);
    const items = (await w.api.get<Json>(`/v1/cinemas/${w.cinemaId}/showtimes?date=${date}&pageSize=200`)).body
      .items as Json[];
    const showtime = items.find((s) => s.onSale && new Date(s.stopSellingAt).getTime() > now + hours * 3600_000);
    if (showtime) {
      const map = (await w.api.get<Json>(`/v1/showtimes/${showtime.id}/seats`)).body;
      return { showtime, seats: map.seats };
    }
  }
  throw new Error("no sellable showtime in the data set");
}

/** An order world with a showtime on sale and its seat map. */
export interface SellableWorld extends OrderWorld {
  showtime: Json;
  seats: Json[];
}

/**
 * The world one test file shares: built in the file's beforeAll (simulators, app, one onboarded
 * cinema of `vendor`, a showtime on sale for `hours` more hours and its seats) and closed in its
 * afterAll. Call it at the file's (or a describe's) top level; its fields are there once beforeAll has run.
 */
export function sellableWorld(
  vendor: OrderWorld["vendor"],
  opts: { seed?: number; hours?: number } = {},
): SellableWorld {
  const w = {} as SellableWorld;
  beforeAll(async () => {
    const world = await orderWorld(vendor, opts.seed);
    Object.assign(w, world, await sellableShowtime(world, opts.hours));
  }, 120_000);
  afterAll(async () => {
    await w.close?.();
  });
  return w;
}

export const freeNormalSeats = (seats: Json[], n: number, skip = 0): Json[] =>
  seats.filter((s) => s.type === "normal" && s.status === "available" && !s.areaId).slice(skip, skip + n);

let keySeq = 0;
export const newKey = () => `key-${Date.now()}-${++keySeq}`;

export async function createOrder(
  w: OrderWorld,
  showtimeId: string,
  seatIds: string[],
  key = newKey(),
  extra: Record<string, unknown> = {},
) {
  return w.api.post<Json>(
    "/v1/orders",
    { showtimeId, seatIds, mobile: "13912345678", ...extra },
    { "idempotency-key": key },
  );
}

export async function confirm(w: OrderWorld, order: Json, key = newKey()) {
  return w.api.post<Json>(
    `/v1/orders/${order.id}/confirm`,
    { paidFen: order.totalFen, payment: { method: "wechat", tradeNo: `wx${order.id}` } },
    { "idempotency-key": key },
  );
}

/** Runs due steps, advancing a minute at a time, until the order leaves `status` or `maxMinutes` pass. */
export async function driveUntilNot(w: OrderWorld, orderId: string, status: string, maxMinutes = 30): Promise<Json> {
  for (let m = 0; m <= maxMinutes; m++) {
    await w.t.runDueSteps();
    const order = (await w.api.get<Json>(`/v1/orders/${orderId}`)).body;
    if (order.status !== status || order.needsAttention) return order;
    w.advance(60_000);
  }
  return (await w.api.get<Json>(`/v1/orders/${orderId}`)).body;
}

/**
 * A confirmed ykse order whose confirm answers were lost, flagged needsAttention as the workflow
 * flags an exhausted timetable (for ykse that is at the show's start, hours away on the injected
 * clock; set directly so a test needs no hours of steps). No step is left scheduled.
 */
export async function stuckOrder(w: OrderWorld, showtimeId: string, seatId: string): Promise<Json> {
  const created = await createOrder(w, showtimeId, [seatId]);
  if (created.status !== 201) throw new Error(`create answered ${created.status}`);
  w.sims.faults.ykse.update({ calls: { "ykse.partner.order.confirmOrder": { lostResponseRate: 1 } } });
  try {
    await confirm(w, created.body);
    await w.t.runDueSteps();
  } finally {
    w.sims.faults.ykse.reset();
  }
  await flagTimetableEnded(w, created.body.id, "confirm");
  return created.body;
}

/**
 * Flags an order as the workflow flags one whose vendor timetable (`which` call's) ended without a final
 * answer, and drops the steps still scheduled: what hours of steps on the injected clock would end in.
 */
export async function flagTimetableEnded(w: OrderWorld, orderId: string, which: "confirm" | "refund"): Promise<void> {
  await w.t.db
    .updateTable("orders")
    .set({ needs_attention: true, attention_reason: `the vendor's ${which} timetable ended without a final answer` })
    .where("id", "=", orderId)
    .execute();
  w.t.scheduled.splice(0, w.t.scheduled.length);
}

/** The order's vendor calls as the step journal has them, oldest first. */
export const stepTrail = (w: OrderWorld, orderId: string) =>
  w.t.db
    .selectFrom("order_steps")
    .select(["action", "outcome"])
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();
