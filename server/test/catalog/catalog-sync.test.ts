import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import type { Showtime } from "../../../simulators/src/core/dataset-types.js";
import { type RunningSimulators, startSimulators } from "../../../simulators/src/index.js";
import { runSync } from "../../src/catalog/sync/run.js";
import { ChannelClient } from "../../src/client/channel-client.js";
import { businessDayOf } from "../../src/domain/time.js";
import { DEMO_SECRET, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../support/app.js";
import { middayClock } from "../support/midday-clock.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

let sims: RunningSimulators;
let t: TestApp;
let api: ChannelClient;
let cinemaId: string;
let datasetCinema: RunningSimulators["dataset"]["cinemas"][number];

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(new URL(path, t.baseUrl), {
    method,
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Json };
};

beforeAll(async () => {
  sims = await startSimulators({ seed: 11, cinemas: 12, days: 3, clock: middayClock() });
  t = await startTestApp({ catalogClock: { now: () => sims.clocks.moviefan.now() } });
  api = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "demo", secret: DEMO_SECRET });
});
afterAll(async () => {
  await t?.close();
  await sims?.close();
});

describe("onboarding through the Admin API (moviefan)", () => {
  let accountId: string;

  it("creates a vendor account without echoing credentials", async () => {
    const res = await admin("POST", "/admin/vendor-accounts", {
      vendor: "moviefan",
      name: "mf-test",
      baseUrl: sims.urls.moviefan,
      credentials: demoAccounts.moviefan,
    });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain(demoAccounts.moviefan.secret);
    accountId = res.body.id;
  });

  it("tests the connection and discovers the account's cinemas live", async () => {
    expect((await admin("POST", `/admin/vendor-accounts/${accountId}/test`)).body.ok).toBe(true);
    const res = await admin("GET", `/admin/vendor-accounts/${accountId}/discover`);
    expect(res.status).toBe(200);
    const expected = sims.dataset.cinemas
      .filter((c) => c.vendor === "moviefan")
      .map((c) => c.internalCode)
      .sort();
    expect(res.body.items.map((c: Json) => c.vendorCinemaId).sort()).toEqual(expected);
  });

  it("onboards a cinema for the demo channel and its first sync fills the catalogue", async () => {
    datasetCinema = sims.dataset.cinemas.find((c) => c.vendor === "moviefan")!;
    const res = await admin("POST", "/admin/cinemas", {
      vendorAccountId: accountId,
      vendorCinemaId: datasetCinema.internalCode,
      channels: ["demo"],
    });
    expect(res.status).toBe(201);
    cinemaId = res.body.id;
    const runs = await admin("GET", `/admin/sync-runs?cinemaId=${cinemaId}`);
    expect(runs.body.items[0]).toMatchObject({ status: "succeeded" });
    expect(runs.body.items[0].counts["showtimes.inserted"]).toBeGreaterThan(0);
  });

  it("rejects a second onboarding of the same cinema, unknown channels and unknown accounts", async () => {
    const again = await admin("POST", "/admin/cinemas", {
      vendorAccountId: accountId,
      vendorCinemaId: datasetCinema.internalCode,
      channels: [],
    });
    expect(again.status).toBe(409);
    const badChannel = await admin("POST", "/admin/cinemas", {
      vendorAccountId: accountId,
      vendorCinemaId: "x1",
      channels: ["nope"],
    });
    expect(badChannel.status).toBe(400);
    const badAccount = await admin("POST", "/admin/cinemas", {
      vendorAccountId: "vac_missing",
      vendorCinemaId: "x1",
      channels: [],
    });
    expect(badAccount.status).toBe(404);
  });
});

describe("channel catalogue reads", () => {
  it("lists the city, the cinema (with vendor and features) and its halls", async () => {
    const cities = (await api.get<Json>("/v1/cities")).body;
    const cityName = sims.dataset.cities.find((c) => c.code === datasetCinema.cityCode)?.name;
    expect(cities.items).toEqual([{ cityCode: datasetCinema.cityCode, name: cityName, cinemaCount: 1 }]);
    const cinemas = (await api.get<Json>(`/v1/cinemas?cityCode=${datasetCinema.cityCode}`)).body;
    expect(cinemas.total).toBe(1);
    expect(cinemas.items[0]).toMatchObject({ id: cinemaId, name: datasetCinema.name, vendor: "moviefan" });
    expect(cinemas.items[0].features.refund.allowed).toBe(false);
    const detail = (await api.get<Json>(`/v1/cinemas/${cinemaId}`)).body;
    expect(detail.halls.length).toBe(datasetCinema.halls.length);
  });

  it("lists today's showtimes with prices in fen and China-time timestamps, and films", async () => {
    const today = businessDayOf(sims.clocks.moviefan.now());
    const res = await api.get<Json>(`/v1/cinemas/${cinemaId}/showtimes?date=${today}&pageSize=200`);
    expect(res.status).toBe(200);
    // The vendor lists a show until its stop-selling time.
    const now = sims.clocks.moviefan.now();
    const expected = sims.dataset.showtimes.filter(
      (s) =>
        s.cinemaId === datasetCinema.id &&
        businessDayOf(s.startsAt) === today &&
        s.startsAt - s.stopSellingMinutes * 60_000 > now,
    );
    expect(res.body.total).toBe(expected.length);
    const first = res.body.items[0];
    expect(first.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(Number.isInteger(first.price.saleFen)).toBe(true);
    expect(first.price.saleFen).toBeGreaterThanOrEqual(first.price.serviceFeeFen);
    const films = (await api.get<Json>(`/v1/films?cinemaId=${cinemaId}`)).body;
    expect(films.items.map((f: Json) => f.id)).toContain(first.filmId);
  });

  it("answers 304 to If-None-Match with the ETag of an unchanged catalogue", async () => {
    const res = await api.get(`/v1/cinemas/${cinemaId}`);
    const tag = res.headers.get("etag");
    expect(tag).toBeTruthy();
    const again = await api.request("GET", `/v1/cinemas/${cinemaId}`, undefined, { "if-none-match": tag! });
    expect(again.status).toBe(304);
  });

  it("serves a seat map with love-seat pairs and live status reflecting another client's lock", async () => {
    const today = businessDayOf(sims.clocks.moviefan.now());
    const list = (await api.get<Json>(`/v1/cinemas/${cinemaId}/showtimes?date=${today}&pageSize=200`)).body.items;
    const show = list.filter((s: Json) => s.onSale).at(-1);
    const map = (await api.get<Json>(`/v1/showtimes/${show.id}/seats`)).body;
    expect(map.seats.length).toBeGreaterThan(20);
    expect(map.maxSeatsPerOrder).toBe(4);
    const love = map.seats.find((s: Json) => s.type === "loveLeft");
    expect(love?.pairId).toBeDefined();
    expect(map.seats.find((s: Json) => s.id === love.pairId)?.pairId).toBe(love.id);

    // Another client locks a seat straight at the vendor; the next uncached read shows it.
    const connector = await t.catalog.registry.forAccount(
      (
        await t.db
          .selectFrom("cinemas")
          .select("vendor_account_id")
          .where("id", "=", cinemaId)
          .executeTakeFirstOrThrow()
      ).vendor_account_id,
    );
    const stored = await t.db.selectFrom("showtimes").selectAll().where("id", "=", show.id).executeTakeFirstOrThrow();
    const hall = await t.db
      .selectFrom("halls")
      .select("vendor_hall_id")
      .where("id", "=", stored.hall_id)
      .executeTakeFirstOrThrow();
    const free = map.seats.find((s: Json) => s.type === "normal" && s.status === "available");
    const vendorSeatId = Buffer.from(free.id.slice(3), "base64url").toString();
    const lock = await connector.lock({
      cinema: { vendorCinemaId: datasetCinema.internalCode },
      showtime: {
        vendorShowtimeId: stored.vendor_showtime_id,
        vendorHallId: hall.vendor_hall_id,
        startsAt: stored.starts_at.getTime(),
        stopSellingAt: stored.stop_selling_at.getTime(),
      },
      seats: [
        {
          vendorSeatId,
          rowLabel: free.row,
          colLabel: free.col,
          settleFen: stored.settle_fen,
          serviceFeeFen: stored.vendor_fee_fen,
        },
      ],
      mobile: "13800138000",
      orderId: "ord_catalogtest1",
    });
    expect(lock.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 3100)); // the seat-status cache window
    const after = (await api.get<Json>(`/v1/showtimes/${show.id}/seats`)).body;
    // Moviefan reports a seat locked by someone else as not sellable (status 1/2), not as "locked".
    expect(after.seats.find((s: Json) => s.id === free.id).status).not.toBe("available");
  });

  it("rejects bad input with API.md codes, never a 500", async () => {
    expect((await api.get<Json>(`/v1/cinemas/${cinemaId}/showtimes?date=2026-13-40`)).body.code).toBe(
      "VALIDATION_FAILED",
    );
    expect((await api.get<Json>(`/v1/cinemas/${cinemaId}/showtimes?date=tomorrow`)).status).toBe(400);
    expect((await api.get<Json>("/v1/cinemas/cin_unknown")).body.code).toBe("NOT_FOUND");
    expect((await api.get<Json>("/v1/cinemas/cin_unknown/showtimes")).status).toBe(404);
    expect((await api.get<Json>("/v1/showtimes/sho_unknown/seats")).status).toBe(404);
    expect((await api.get<Json>("/v1/cinemas?pageSize=100000")).status).toBe(400);
    expect((await api.get<Json>("/v1/cinemas?cityCode=abc")).status).toBe(400);
  });

  it("hides the cinema from a channel it is not linked to", async () => {
    await t.channels.create({ code: "other", name: "Other", secret: "other-secret-0123456789" });
    const other = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "other", secret: "other-secret-0123456789" });
    expect((await other.get<Json>("/v1/cinemas")).body.total).toBe(0);
    expect((await other.get(`/v1/cinemas/${cinemaId}`)).status).toBe(404);
    expect((await other.get(`/v1/cinemas/${cinemaId}/showtimes`)).status).toBe(404);
  });
});

describe("the sync's cleaning rule and write economy", () => {
  const deps = () => ({
    db: t.db,
    registry: t.catalog.registry,
    clock: { now: () => sims.clocks.moviefan.now() },
    days: 3,
  });
  const counts = async () =>
    t.db
      .selectFrom("showtimes")
      .select(["valid", (eb) => eb.fn.countAll<number>().as("n")])
      .where("cinema_id", "=", cinemaId)
      .groupBy("valid")
      .execute();

  it("rewrites nothing when nothing changed at the vendor", async () => {
    const run = await runSync(deps(), cinemaId);
    expect({ status: run.status, errors: run.errors }).toEqual({ status: "succeeded", errors: [] });
    expect(run.counts["showtimes.inserted"]).toBe(0);
    expect(run.counts["showtimes.updated"]).toBe(0);
    expect(run.counts["showtimes.invalidated"]).toBe(0);
    expect(run.counts["layouts.updated"]).toBe(0);
  });

  it("updates a changed price and marks a removed showtime invalid (never deleted)", async () => {
    const later = sims.clocks.moviefan.now() + 3600_000;
    const own = sims.dataset.showtimes
      .map((s, i) => [s, i] as [Showtime, number])
      .filter(([s]) => s.cinemaId === datasetCinema.id && s.startsAt > later);
    const [changed] = own[0]!;
    changed.settleFen += 100;
    const [removed, removedIndex] = own.at(-1)!;
    sims.dataset.showtimes = sims.dataset.showtimes.filter((_, i) => i !== removedIndex);
    const before = await counts();
    const run = await runSync(deps(), cinemaId);
    expect(run.counts["showtimes.updated"]).toBe(1);
    expect(run.counts["showtimes.invalidated"]).toBe(1);
    const gone = await t.db
      .selectFrom("showtimes")
      .select("valid")
      .where("cinema_id", "=", cinemaId)
      .where("starts_at", "=", new Date(removed.startsAt))
      .where("hall_id", "in", t.db.selectFrom("halls").select("id").where("cinema_id", "=", cinemaId))
      .execute();
    expect(gone.some((g) => g.valid === false)).toBe(true);
    const after = await counts();
    const total = (rows: typeof before) => rows.reduce((s, r) => s + Number(r.n), 0);
    expect(total(after)).toBe(total(before));
  });

  it("refreshes a hall's layout through a show still on sale, not one past its stop-selling time", async () => {
    // Moviefan describes a hall only through one of its shows and refuses one past stop-selling.
    const now = sims.clocks.moviefan.now();
    const next = await t.db
      .selectFrom("showtimes")
      .select(["starts_at", "stop_selling_at"])
      .where("cinema_id", "=", cinemaId)
      .where("valid", "=", true)
      .where("starts_at", ">", new Date(now))
      .orderBy("starts_at")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(next.stop_selling_at.getTime()).toBeLessThan(next.starts_at.getTime());
    sims.clocks.moviefan.advance(next.stop_selling_at.getTime() + 1_000 - now);
    const run = await runSync(deps(), cinemaId, ["layouts"]);
    expect({ status: run.status, errors: run.errors }).toEqual({ status: "succeeded", errors: [] });
  });

  it("keeps the last good data when the vendor fails, and records the failure", async () => {
    const before = await counts();
    sims.faults.moviefan.update({ default: { down: true } });
    try {
      const run = await runSync(deps(), cinemaId);
      expect(run.status).toBe("failed");
      expect(run.errors.map((e) => e.code)).toContain("vendor_unavailable");
    } finally {
      sims.faults.moviefan.reset();
    }
    expect(await counts()).toEqual(before);
    const state = await t.db
      .selectFrom("sync_state")
      .selectAll()
      .where("cinema_id", "=", cinemaId)
      .where("entity", "=", "showtimes")
      .executeTakeFirstOrThrow();
    expect(state.last_error).toBeTruthy();
  });

  it("keeps the last good data when the vendor suddenly lists no showtimes", async () => {
    const before = await counts();
    sims.faults.moviefan.update({ hideShowtimesFor: [datasetCinema.internalCode] });
    try {
      const run = await runSync(deps(), cinemaId, ["showtimes"]);
      expect(run.status).toBe("failed");
    } finally {
      sims.faults.moviefan.reset();
    }
    expect(await counts()).toEqual(before);
  });
});
