import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CatalogServices } from "../../src/catalog/services.js";
import type { Db } from "../../src/db/database.js";
import type { VendorCinema, VendorShowtime } from "../../src/domain/catalog.js";
import { fail, ok, type Result } from "../../src/domain/errors.js";
import { addDays, businessDayRange } from "../../src/domain/time.js";
import { diagnoseCinema, type Finding, summarize } from "../../src/ops/diagnosis.js";
import { vendorHealth } from "../../src/ops/vendor-health.js";
import { RingCallRecorder } from "../../src/vendors/call-recorder.js";
import type { CinemaConnector } from "../../src/vendors/connector.js";
import { createTestDatabase } from "../support/db.js";

/**
 * The vendor-specific causes of doc 000 §四.2 that the simulators cannot stage (not on sale, no channel
 * price, dates one day late, the national code entered as the internal code, a cinema missing from the
 * account's list), against a scripted connector. The simulator-backed path is in operations-api.test.ts.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
const NOW = Date.parse("2026-03-10T12:00:00+08:00");
const TODAY = "2026-03-10";

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db
    .insertInto("vendor_accounts")
    .values({ id: "acc_1", vendor: "vista", name: "v", base_url: "http://127.0.0.1:1", credentials_enc: "x" })
    .execute();
});
afterAll(() => database?.drop());

interface Script {
  ping?: Result<{ cinemaCount?: number }>;
  cinema?: Result<VendorCinema>;
  list?: Result<VendorCinema[]>;
  shows?: Result<VendorShowtime[]>;
}

function connector(vendor: "vista" | "ykse" | "moviefan", s: Script): CinemaConnector {
  return {
    vendor,
    capabilities: { listCinemas: !!s.list },
    ping: async () => s.ping ?? ok({}),
    getCinema: async () => s.cinema ?? ok({ vendorCinemaId: "C1", name: "Test cinema" }),
    ...(s.list ? { listCinemas: async () => s.list! } : {}),
    listShowtimes: async () => s.shows ?? ok([]),
  } as unknown as CinemaConnector;
}

let n = 0;
async function run(vendor: "vista" | "ykse" | "moviefan", s: Script, code?: string): Promise<Record<string, Finding>> {
  const id = `cin_${++n}`;
  await db
    .insertInto("cinemas")
    .values({
      id,
      vendor_account_id: "acc_1",
      vendor,
      vendor_cinema_id: code ?? `C${n}`,
      national_code: null,
      name: id,
    })
    .execute();
  const catalog = {
    db,
    clock: { now: () => NOW },
    registry: { forAccount: async () => connector(vendor, s) },
  } as unknown as CatalogServices;
  const findings = await diagnoseCinema(catalog, id, { onStart: () => {}, onFinding: () => {} });
  return Object.fromEntries(findings.map((f) => [f.check, f]));
}

const show = (day: string, over: Partial<VendorShowtime> = {}): VendorShowtime => {
  const start = businessDayRange(day).start + 14 * 3600_000;
  return {
    vendorShowtimeId: `s${start}`,
    vendorHallId: "1",
    vendorFilmId: "f",
    filmTitle: "Film",
    startsAt: start,
    stopSellingAt: start - 15 * 60_000,
    onSale: true,
    price: { settleFen: 3500 },
    ...over,
  };
};

describe("diagnosis per-vendor causes", () => {
  it("VISTA sessions without a ticket type for our client class: not on sale, the fix names ticket types", async () => {
    const f = await run("vista", {
      shows: ok([show(TODAY, { onSale: false, price: {} }), show(addDays(TODAY, 1), { onSale: false, price: {} })]),
    });
    expect(f.showtimes!.status).toBe("ok");
    expect(f.saleAndPrice!.status).toBe("fail");
    expect(f.saleAndPrice!.detail.en).toMatch(/2 are not on sale/);
    expect(f.saleAndPrice!.fix!.zh).toContain("票类");
    expect(f.saleAndPrice!.fix!.en).toMatch(/client class/);
  });

  it("ykse: some showtimes priced for us, one without a channel price → a warning naming the showtime", async () => {
    const f = await run("ykse", {
      shows: ok([show(TODAY), show(addDays(TODAY, 1), { price: {}, filmTitle: "无价影片" })]),
    });
    expect(f.saleAndPrice!.status).toBe("warn");
    expect(f.saleAndPrice!.detail.zh).toContain("无价影片");
    expect(f.saleAndPrice!.fix!.zh).toContain("渠道价格");
  });

  it("nothing today but showtimes on the following days → the one-day offset warning (鼎新 case)", async () => {
    const f = await run("moviefan", { shows: ok([show(addDays(TODAY, 1)), show(addDays(TODAY, 2))]) });
    expect(f.showtimes!.status).toBe("warn");
    expect(f.showtimes!.detail.en).toMatch(/one day late/);
    expect(f.showtimes!.data!.byDay).toEqual({ [TODAY]: 0, [addDays(TODAY, 1)]: 1, [addDays(TODAY, 2)]: 1 });
  });

  it("an 8-digit national code entered where VISTA needs its internal code → the code hint", async () => {
    const f = await run("vista", { cinema: fail("not_found", "invalid cinema id", "4") }, "31011001");
    expect(f.cinema!.status).toBe("fail");
    expect(f.cinema!.detail.en).toMatch(/national \(广电\) code/);
    expect(f.cinema!.fix!.en).toMatch(/internal code/);
    expect(f.showtimes!.status).toBe("skipped");
  });

  it("a cinema the account's list does not include → a warning about the channel / platform centre", async () => {
    const f = await run("moviefan", {
      list: ok([{ vendorCinemaId: "OTHER", name: "x" }]),
      shows: ok([show(TODAY)]),
    });
    expect(f.cinemaList!.status).toBe("warn");
    expect(f.cinemaList!.detail.en).toMatch(/does not include the cinema/);
  });

  it("the vendor down: credentials check fails with 'retry later', later vendor checks skipped", async () => {
    const found = await run("ykse", { ping: fail("vendor_unavailable", "connect ECONNREFUSED") });
    expect(found.credentials!.status).toBe("fail");
    expect(found.credentials!.fix!.en).toMatch(/retry later/);
    expect(["cinema", "cinemaList", "showtimes", "saleAndPrice"].map((c) => found[c]!.status)).toEqual([
      "skipped",
      "skipped",
      "skipped",
      "skipped",
    ]);
    expect(summarize(Object.values(found)).en).toMatch(/^Credentials: /);
  });
});

describe("vendor health", () => {
  const rec = (accountId: string, outcome: "ok" | "vendor_unavailable", durationMs: number, at: number) => ({
    id: `${accountId}${at}${Math.random()}`,
    vendor: "ykse",
    accountId,
    call: "x",
    startedAt: at,
    durationMs,
    outcome,
    request: "",
    response: "",
  });

  it("flags error rate ≥ 20 % and p95 ≥ 3 s over the last 15 minutes; ignores older calls and near-silent accounts", () => {
    const r = new RingCallRecorder(100);
    for (let i = 0; i < 10; i++) r.record(rec("errs", i < 3 ? "vendor_unavailable" : "ok", 50, NOW - 60_000));
    for (let i = 0; i < 10; i++) r.record(rec("slow", "ok", i === 9 ? 5000 : 100, NOW - 60_000));
    for (let i = 0; i < 10; i++) r.record(rec("old", "vendor_unavailable", 50, NOW - 20 * 60_000));
    r.record(rec("quiet", "ok", 50, NOW - 1000));
    r.record(rec("quiet", "vendor_unavailable", 50, NOW - 1000));
    const byId = Object.fromEntries(vendorHealth(r, NOW).map((v) => [v.accountId, v]));
    expect(byId.errs).toMatchObject({ status: "errors", calls: 10, errors: 3, errorRate: 0.3 });
    expect(byId.errs!.topErrors).toEqual([["vendor_unavailable", 3]]);
    expect(byId.slow).toMatchObject({ status: "slow", p95Ms: 5000 });
    expect(byId.old).toBeUndefined();
    expect(byId.quiet!.status).toBe("quiet");
  });
});
