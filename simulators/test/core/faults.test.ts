import { describe, expect, it } from "vitest";
import { FaultController } from "../../src/core/faults.js";

function tally(fc: FaultController, call: string, n: number, at = (i: number) => i * 1_000) {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const { action } = fc.decide(call, at(i));
    counts[action] = (counts[action] ?? 0) + 1;
  }
  return counts;
}

describe("FaultController", () => {
  it("answers ok with no delay when nothing is configured", () => {
    expect(new FaultController().decide("x")).toEqual({ action: "ok", delayMs: 0 });
  });

  it("injects errors, timeouts and lost responses at about the configured rates", () => {
    const fc = new FaultController(42);
    fc.update({ default: { errorRate: 0.2, timeoutRate: 0.1, lostResponseRate: 0.1 } });
    const counts = tally(fc, "lockSeats", 20_000);
    expect(counts.error! / 20_000).toBeCloseTo(0.2, 1);
    // Timeouts are drawn among the calls that did not error: 0.8 × 0.1, then lost: 0.72 × 0.1.
    expect(counts.timeout! / 20_000).toBeCloseTo(0.08, 1);
    expect(counts.lost! / 20_000).toBeCloseTo(0.072, 1);
  });

  it("is reproducible from its seed", () => {
    const a = new FaultController(5);
    const b = new FaultController(5);
    for (const fc of [a, b]) fc.update({ default: { errorRate: 0.5 } });
    expect(tally(a, "x", 200)).toEqual(tally(b, "x", 200));
  });

  it("lets a per-call rule override the default, down included", () => {
    const fc = new FaultController();
    fc.update({ default: { latencyMs: 50, jitterMs: 10 }, calls: { confirm: { down: true } } });
    const confirm = fc.decide("confirm");
    expect(confirm.action).toBe("down");
    const other = fc.decide("seats");
    expect(other.action).toBe("ok");
    expect(other.delayMs).toBeGreaterThanOrEqual(50);
    expect(other.delayMs).toBeLessThan(60);
  });

  it("rate-limits per one-second window and counts the refusals", () => {
    const fc = new FaultController();
    fc.update({ rateLimitPerSecond: 3 });
    // Five calls inside one second, then five in the next.
    const actions = Array.from({ length: 10 }, (_, i) => fc.decide("x", 10_000 + (i < 5 ? i : 1_000 + i)).action);
    expect(actions).toEqual([
      "ok",
      "ok",
      "ok",
      "rateLimited",
      "rateLimited",
      "ok",
      "ok",
      "ok",
      "rateLimited",
      "rateLimited",
    ]);
    expect(fc.rateLimitedCount).toBe(4);
    expect(fc.callCounts.get("x")).toBe(10);
  });

  it("forgets configuration and counters on reset", () => {
    const fc = new FaultController();
    fc.update({ default: { down: true }, rateLimitPerSecond: 1 });
    fc.decide("x", 0);
    fc.decide("x", 1);
    fc.reset();
    expect(fc.callCounts.size).toBe(0);
    expect(fc.rateLimitedCount).toBe(0);
    expect(fc.decide("x").action).toBe("ok");
  });
});
