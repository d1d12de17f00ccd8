import { describe, expect, it } from "vitest";
import { generateDataset } from "../../src/dataset/generate.js";

describe("generateDataset at scale", () => {
  it("builds 1,200 cinemas × 7 days quickly, sharing hall layouts by reference", () => {
    const started = performance.now();
    const data = generateDataset({ seed: 1, cinemas: 1200, days: 7 });
    const elapsed = performance.now() - started;
    expect(data.cinemas).toHaveLength(1200);
    // Measured at ~0.5 s; the bound leaves room for slow CI machines.
    expect(elapsed).toBeLessThan(5_000);
    const halls = new Set(data.cinemas.flatMap((c) => c.halls));
    expect(halls.size).toBeLessThan(50);
    expect(data.showtimes.length).toBeGreaterThan(100_000);
    expect(data.showtimes.length).toBeLessThan(400_000);
    expect(new Set(data.cinemas.map((c) => c.nationalCode)).size).toBe(1200);
    // An internal code is the vendor's own: unique per vendor (鼎新's and 1905's numbers overlap, as two
    // real vendors' would).
    expect(new Set(data.cinemas.map((c) => `${c.vendor}/${c.internalCode}`)).size).toBe(1200);
  });

  it("freezes shared halls so no simulator can change another cinema's layout", () => {
    const hall = generateDataset({ cinemas: 1, days: 1 }).cinemas[0]!.halls[0]!;
    expect(Object.isFrozen(hall)).toBe(true);
    expect(Object.isFrozen(hall.seats)).toBe(true);
    expect(Object.isFrozen(hall.seats[0])).toBe(true);
  });
});
