import { describe, expect, it } from "vitest";
import { createSimClock } from "../../src/core/clock.js";

describe("SimClock", () => {
  it("starts at the given time and keeps running with real time", async () => {
    const clock = createSimClock(1_000_000);
    const first = clock.now();
    expect(first).toBeGreaterThanOrEqual(1_000_000);
    expect(first).toBeLessThan(1_000_000 + 1_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now()).toBeGreaterThan(first);
  });

  it("jumps forward by advance and anywhere by set", () => {
    const clock = createSimClock(0);
    const before = clock.now();
    clock.advance(15 * 60_000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(15 * 60_000);
    expect(clock.now() - before).toBeLessThan(15 * 60_000 + 1_000);
    clock.set(Date.UTC(2030, 0, 1));
    expect(Math.abs(clock.now() - Date.UTC(2030, 0, 1))).toBeLessThan(1_000);
  });

  it("defaults to real time", () => {
    expect(Math.abs(createSimClock().now() - Date.now())).toBeLessThan(1_000);
  });
});
