import { describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../src/domain/time.js";
import { computePrice, explainShowtime, priceShowtime, ruleOrder } from "../../src/pricing/evaluate.js";
import { inTimeBand, matchScope } from "../../src/pricing/match.js";
import { specificityOf } from "../../src/pricing/rule.js";
import { validateRule } from "../../src/pricing/validate.js";
import { facts, rule } from "./fixtures.js";

const inputs = {
  listFen: 4500,
  settleFen: 3500,
  lowestFen: 3000,
  vendorFeeFen: 100,
  cinemaServiceFeeFen: 200,
  shanghai: false,
};

describe("computePrice", () => {
  it("list − 5 yuan plus the default fees", () => {
    const p = computePrice({ price: { base: "list", op: "add", valueFen: -500 } }, inputs);
    expect(p).toMatchObject({ saleFen: 4000 + 300, serviceFeeFen: 300, floorFen: 3800, clamped: false, subsidyFen: 0 });
    expect(p.steps.map((s) => s.step)).toEqual(["base", "op", "fee", "sum", "floor"]);
  });

  it("a fixed price below the floor is held at the floor without the subsidy flag", () => {
    const p = computePrice({ price: { base: "list", op: "fixed", valueFen: 2000 }, serviceFeeFen: 0 }, inputs);
    expect(p).toMatchObject({ saleFen: 3800, clamped: true, subsidyFen: 0 });
  });

  it("with the subsidy flag the buyer pays less and the difference is a cost", () => {
    const p = computePrice(
      { price: { base: "list", op: "fixed", valueFen: 2000 }, serviceFeeFen: 0, subsidy: true },
      inputs,
    );
    expect(p).toMatchObject({ saleFen: 2000, clamped: false, subsidyFen: 1800 });
  });

  it("percent of the settle price, rounded to whole yuan half-up", () => {
    // 3500 × 133 % = 4655, + 300 = 4955 → 5000
    const p = computePrice({ price: { base: "settle", op: "percent", percent: 133, roundToFen: 100 } }, inputs);
    expect(p.saleFen).toBe(5000);
    expect(p.steps.find((s) => s.step === "round")?.fen).toBe(5000);
  });

  it("rounding that would go below the floor rounds up instead", () => {
    // settle + 10 fen + fees = 3810: nearest yuan is 3800 ≥ floor; with roundTo 1000 nearest is 4000.
    expect(computePrice({ price: { base: "settle", op: "add", valueFen: 10 } }, inputs).saleFen).toBe(3810);
    const p = computePrice({ price: { base: "settle", op: "add", valueFen: 10, roundToFen: 700 } }, inputs);
    // nearest multiple of 700 to 3810 is 3500 < floor 3800 → up to 4200
    expect(p.saleFen).toBe(4200);
    expect(p.clamped).toBe(false);
  });

  it("Shanghai: the fee is capped at 12 yuan and at 20 % of the ticket", () => {
    const sh = { ...inputs, shanghai: true };
    const big = computePrice({ price: { base: "list", op: "add", valueFen: 10_000 }, serviceFeeFen: 5000 }, sh);
    // ticket 14500: 20 % = 2900, cap 1200
    expect(big.serviceFeeFen).toBe(1200);
    expect(big.saleFen).toBe(14_500 + 1200);
    const small = computePrice({ price: { base: "lowest", op: "add", valueFen: 1000 }, serviceFeeFen: 1000 }, sh);
    // ticket 4000: 20 % = 800
    expect(small.serviceFeeFen).toBe(800);
    expect(small.steps.some((s) => s.step === "shanghaiCap")).toBe(true);
  });

  it("never 0 or below, even a subsidised fixed discount to nothing", () => {
    const p = computePrice(
      { price: { base: "list", op: "add", valueFen: -99_999 }, serviceFeeFen: 0, subsidy: true },
      inputs,
    );
    expect(p.saleFen).toBe(1);
    expect(p.subsidyFen).toBe(3799);
  });
});

describe("time bands and business days", () => {
  it("a band that wraps midnight holds late and early times", () => {
    expect(inTimeBand(23 * 60 + 30, "22:00", "02:00")).toBe(true);
    expect(inTimeBand(60, "22:00", "02:00")).toBe(true);
    expect(inTimeBand(2 * 60, "22:00", "02:00")).toBe(false);
    expect(inTimeBand(12 * 60, "22:00", "02:00")).toBe(false);
    expect(inTimeBand(12 * 60, "10:00", "14:00")).toBe(true);
  });

  it("a 01:00 show after Friday night is a Friday (business day) show in a 22:00–02:00 band", () => {
    const r = rule({ scope: { weekdays: [5], timeFrom: "22:00", timeTo: "02:00" } });
    // 2026-12-05 is a Saturday by the calendar; 01:00 belongs to Friday 2026-12-04's business day.
    const late = facts({ startsAt: parseChinaLocal("2026-12-05 01:00") });
    expect(matchScope(r.scope, late, "demo")).toEqual({ matched: true });
    const satNight = facts({ startsAt: parseChinaLocal("2026-12-05 23:00") });
    expect(matchScope(r.scope, satNight, "demo")).toMatchObject({ matched: false, field: "weekdays" });
  });

  it("date bounds are business days, inclusive", () => {
    const r = rule({ scope: { dateFrom: "2026-12-04", dateTo: "2026-12-04" } });
    expect(matchScope(r.scope, facts({ startsAt: parseChinaLocal("2026-12-05 05:00") }), "demo").matched).toBe(true);
    expect(matchScope(r.scope, facts({ startsAt: parseChinaLocal("2026-12-05 06:00") }), "demo")).toMatchObject({
      matched: false,
      field: "dateTo",
    });
  });
});

describe("which rule wins", () => {
  it("the most specific matching rule wins, then the higher priority", () => {
    const everywhere = rule({ id: "prr_a", priority: 100, price: { base: "list", op: "add", valueFen: 1000 } });
    const city = rule({
      id: "prr_b",
      scope: { cityCodes: ["310000"] },
      price: { base: "list", op: "add", valueFen: 500 },
    });
    const cinema = rule({
      id: "prr_c",
      scope: { cinemaIds: ["cin_a"] },
      price: { base: "list", op: "add", valueFen: 200 },
    });
    const cinemaHi = rule({
      id: "prr_d",
      priority: 5,
      scope: { cinemaIds: ["cin_a"] },
      price: { base: "list", op: "add", valueFen: 300 },
    });
    const ordered = ruleOrder([everywhere, city, cinema, cinemaHi]);
    expect(ordered.map((r) => r.id)).toEqual(["prr_d", "prr_c", "prr_b", "prr_a"]);
    expect(priceShowtime(ordered, facts(), "demo")).toMatchObject({ ruleId: "prr_d", saleFen: 4800 + 300 });
    expect(priceShowtime(ordered, facts({ cinemaId: "cin_b" }), "demo")).toMatchObject({ ruleId: "prr_b" });
    expect(priceShowtime(ordered, facts({ cinemaId: "cin_b", cityCode: "110000" }), "demo")).toMatchObject({
      ruleId: "prr_a",
    });
  });

  it("each channel sees its own price; a disabled rule is never considered", () => {
    const app = rule({ scope: { channels: ["app"] }, price: { base: "list", op: "add", valueFen: 1000 } });
    const off = rule({ enabled: false, price: { base: "list", op: "fixed", valueFen: 9900 } });
    const ordered = ruleOrder([app, off]);
    expect(priceShowtime(ordered, facts(), "app").saleFen).toBe(5500 + 300);
    expect(priceShowtime(ordered, facts(), "demo")).toEqual({
      saleFen: 3800,
      serviceFeeFen: 300,
      clamped: false,
      subsidyFen: 0,
      areas: [],
    });
  });

  it("priced areas are priced from their own declared price, never below it", () => {
    const r = rule({ price: { base: "settle", op: "percent", percent: 50 } });
    const p = priceShowtime(
      ruleOrder([r]),
      facts({ areas: [{ areaId: "vip", areaName: "VIP", settleFen: 6000 }] }),
      "demo",
    );
    expect(p.areas).toEqual([
      { areaId: "vip", areaName: "VIP", saleFen: 6300, serviceFeeFen: 300, clamped: true, subsidyFen: 0 },
    ]);
  });

  it("explain lists every enabled rule, matched or not and why, and the winner's steps", () => {
    const film = rule({ id: "prr_f", scope: { filmIds: ["flm_other"] } });
    const all = rule({ id: "prr_g", price: { base: "list", op: "percent", percent: 90 } });
    const e = explainShowtime([film, all], facts(), "demo");
    expect(e.ruleId).toBe("prr_g");
    expect(e.considered).toEqual([
      expect.objectContaining({ ruleId: "prr_f", chosen: false, match: expect.objectContaining({ field: "filmIds" }) }),
      expect.objectContaining({ ruleId: "prr_g", chosen: true, match: { matched: true } }),
    ]);
    expect(e.steps.at(-1)).toMatchObject({ step: "floor", fen: 4050 + 300 });
  });

  it("specificity counts a cinema list as three dimensions", () => {
    expect(specificityOf({})).toBe(0);
    expect(specificityOf({ cinemaIds: ["x"] })).toBe(3);
    expect(specificityOf({ cityCodes: ["x"], vendors: ["y"], timeFrom: "10:00", timeTo: "12:00" })).toBe(3);
  });
});

describe("validateRule", () => {
  const ok = { name: "n", enabled: true, scope: {}, price: { base: "list" as const, op: "add" as const, valueFen: 0 } };
  it("accepts a plain rule", () => expect(validateRule(ok)).toEqual([]));
  it("names the field of each mistake", () => {
    const paths = (r: Parameters<typeof validateRule>[0]) => validateRule(r).map((e) => e.path);
    expect(paths({ ...ok, scope: { dateFrom: "2026-12-10", dateTo: "2026-12-01" } })).toEqual(["/scope/dateTo"]);
    expect(paths({ ...ok, scope: { timeFrom: "22:00" } })).toEqual(["/scope/timeTo"]);
    expect(paths({ ...ok, scope: { timeFrom: "25:00", timeTo: "02:00" } })).toEqual(["/scope/timeFrom"]);
    expect(paths({ ...ok, scope: { dateFrom: "2026-02-30" } })).toEqual(["/scope/dateFrom"]);
    expect(paths({ ...ok, price: { base: "list", op: "fixed", valueFen: 0 } })).toEqual(["/price/valueFen"]);
    expect(paths({ ...ok, price: { base: "list", op: "percent" } })).toEqual(["/price/percent"]);
    expect(paths({ ...ok, scope: { weekdays: [1, 1] } })).toEqual(["/scope/weekdays"]);
  });
});
