import { describe, expect, it } from "vitest";
import { type StopStep, stopWithin, type Timers } from "../../src/lifecycle/shutdown.js";

/** Timers the test fires by hand: the deadline passes when the test says so, not after a wait. */
function manualTimers() {
  const pending: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      pending.push(t);
      return t;
    },
    clearTimeout: (h) => {
      (h as { cleared: boolean }).cleared = true;
    },
  };
  const fire = () => {
    for (const t of pending.filter((p) => !p.cleared)) t.fn();
  };
  return { timers, pending, fire };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("stopWithin (graceful shutdown under a deadline)", () => {
  it("runs the steps in order, gives each what is left of the deadline, and reports success", async () => {
    let now = 1_000;
    const clock = { now: () => now };
    const seen: Array<[string, number]> = [];
    const step = (name: string, takesMs: number): StopStep => ({
      name,
      run: async (budget) => {
        seen.push([name, budget]);
        now += takesMs;
      },
    });
    const { timers, pending } = manualTimers();
    const outcome = await stopWithin([step("HTTP server", 300), step("job workers", 1_200), step("pool", 10)], {
      deadlineMs: 5_000,
      clock,
      timers,
    });
    expect(outcome).toEqual({ ok: true, ms: 1_510 });
    expect(seen).toEqual([
      ["HTTP server", 5_000],
      ["job workers", 4_700],
      ["pool", 3_500],
    ]);
    expect(pending[0]?.ms).toBe(5_000);
    expect(pending[0]?.cleared).toBe(true);
  });

  it("past the deadline, names the step still running and what it waits for; later steps never start", async () => {
    const clock = { now: () => 0 };
    const { timers, fire } = manualTimers();
    const ran: string[] = [];
    const outcome = stopWithin(
      [
        { name: "HTTP server", run: async () => void ran.push("http") },
        {
          name: "job workers",
          run: () => new Promise<void>(() => ran.push("jobs")), // a step that never ends
          pending: () => ["order-steps: 1 in flight"],
        },
        { name: "pool", run: async () => void ran.push("pool") },
      ],
      { deadlineMs: 20_000, clock, timers },
    );
    await tick();
    fire();
    expect(await outcome).toEqual({ ok: false, ms: 0, stillRunning: "job workers (order-steps: 1 in flight)" });
    expect(ran).toEqual(["http", "jobs"]);
  });

  it("a failing step is reported and the later ones still run (the pool is closed even if HTTP failed)", async () => {
    const { timers } = manualTimers();
    const errors: string[] = [];
    const ran: string[] = [];
    const outcome = await stopWithin(
      [
        {
          name: "HTTP server",
          run: async () => {
            throw new Error("close failed");
          },
        },
        { name: "pool", run: async () => void ran.push("pool") },
      ],
      {
        deadlineMs: 1_000,
        clock: { now: () => 0 },
        timers,
        onError: (s, e) => errors.push(`${s}: ${(e as Error).message}`),
      },
    );
    expect(outcome.ok).toBe(true);
    expect(errors).toEqual(["HTTP server: close failed"]);
    expect(ran).toEqual(["pool"]);
  });
});
