import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computePrice, type PriceInputsForRule, roundTo } from "../../src/pricing/evaluate.js";
import type { PriceSpec } from "../../src/pricing/rule.js";

/** Any valid price spec the admin API accepts, and any vendor prices a sync can store. */
const spec: fc.Arbitrary<PriceSpec> = fc.oneof(
  fc.record({
    base: fc.constantFrom("list" as const, "settle" as const, "lowest" as const),
    op: fc.constant("fixed" as const),
    valueFen: fc.integer({ min: 1, max: 1_000_000 }),
    roundToFen: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
  }),
  fc.record({
    base: fc.constantFrom("list" as const, "settle" as const, "lowest" as const),
    op: fc.constant("add" as const),
    valueFen: fc.integer({ min: -100_000, max: 100_000 }),
    roundToFen: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
  }),
  fc.record({
    base: fc.constantFrom("list" as const, "settle" as const, "lowest" as const),
    op: fc.constant("percent" as const),
    percent: fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
    roundToFen: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
  }),
);

const inputs: fc.Arbitrary<PriceInputsForRule> = fc
  .record({
    listFen: fc.integer({ min: 0, max: 200_000 }),
    settleFen: fc.integer({ min: 1, max: 200_000 }),
    lowestFen: fc.integer({ min: 0, max: 200_000 }),
    vendorFeeFen: fc.integer({ min: 0, max: 5000 }),
    cinemaServiceFeeFen: fc.integer({ min: 0, max: 5000 }),
    shanghai: fc.boolean(),
  })
  // The sync stores the settle price already raised to the lowest price.
  .map((p) => ({ ...p, settleFen: Math.max(p.settleFen, p.lowestFen) }));

const rule = fc.record({
  price: spec,
  serviceFeeFen: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
  subsidy: fc.boolean(),
});

describe("pricing evaluator properties", () => {
  it("never below the floor without the subsidy flag, never 0 or below at all", () => {
    fc.assert(
      fc.property(rule, inputs, (r, p) => {
        const out = computePrice(r, p);
        expect(out.saleFen).toBeGreaterThanOrEqual(1);
        if (!r.subsidy) {
          expect(out.saleFen).toBeGreaterThanOrEqual(p.settleFen + p.vendorFeeFen + p.cinemaServiceFeeFen);
          expect(out.subsidyFen).toBe(0);
        } else {
          expect(out.subsidyFen).toBe(Math.max(0, out.floorFen - out.saleFen));
        }
        expect(Number.isSafeInteger(out.saleFen) && Number.isSafeInteger(out.serviceFeeFen)).toBe(true);
        expect(out.serviceFeeFen).toBeGreaterThanOrEqual(0);
        expect(out.serviceFeeFen).toBeLessThanOrEqual(out.saleFen);
      }),
      { numRuns: 2000 },
    );
  });

  it("is monotonic in the base price (a higher list/settle/lowest never lowers the sale price)", () => {
    fc.assert(
      fc.property(rule, inputs, fc.integer({ min: 0, max: 50_000 }), (r, p, up) => {
        const field = r.price.base === "list" ? "listFen" : r.price.base === "settle" ? "settleFen" : "lowestFen";
        // Only the base moves; the floor is held still (a higher settle price also raises the floor).
        const floorFixed = r.price.base === "list" || (r.price.base === "lowest" && p.lowestFen > 0);
        if (!floorFixed) return;
        const lo = computePrice(r, p).saleFen;
        const hi = computePrice(r, { ...p, [field]: p[field] + up }).saleFen;
        expect(hi).toBeGreaterThanOrEqual(lo);
      }),
      { numRuns: 2000 },
    );
  });

  it("rounding never crosses the floor, and a rounded price is on the grid unless held at the floor", () => {
    fc.assert(
      fc.property(rule, inputs, (r, p) => {
        const out = computePrice(r, p);
        const k = r.price.roundToFen;
        if (!r.subsidy) expect(out.saleFen).toBeGreaterThanOrEqual(out.floorFen);
        if (k && k > 1 && !out.clamped && out.saleFen > 1) expect(out.saleFen % k).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("is idempotent: the same rule and prices always give the same answer, and re-rounding changes nothing", () => {
    fc.assert(
      fc.property(
        rule,
        inputs,
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (r, p, f, k) => {
          expect(computePrice(r, p)).toEqual(computePrice(r, p));
          expect(roundTo(roundTo(f, k), k)).toBe(roundTo(f, k));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
