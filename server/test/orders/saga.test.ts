import { describe, expect, it } from "vitest";
import type { Clock } from "../../src/domain/time.js";
import {
  advance,
  runSaga,
  type SagaCursor,
  type SagaMove,
  type SagaStep,
  type StepVerdict,
} from "../../src/orders/saga.js";

/**
 * The step runner on its own, with steps that act on an in-memory "world" and a durable record kept
 * in memory: what a crash loses is exactly what was not recorded. Time comes from an injected clock.
 */

interface World {
  clock: Clock & { advance(ms: number): void };
  /** Effects in the order they happened, e.g. "invoke:pay", "compensate:lock". */
  log: string[];
  /** What is in force right now (idempotent effects: a repeat changes nothing). */
  held: Set<string>;
}

type Facts = { note: string };
type Step = SagaStep<World, Facts>;

const manualClock = (start = Date.UTC(2026, 11, 3, 4)) => {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

const newWorld = (): World => ({ clock: manualClock(), log: [], held: new Set() });

/** A step whose effect is idempotent (keyed by its name), as the vendor steps are. */
function step(name: string, opts: { invoke?: (w: World) => StepVerdict<Facts> | undefined } = {}): Step {
  return {
    name,
    async invoke(w) {
      w.log.push(`invoke:${name}`);
      const forced = opts.invoke?.(w);
      if (forced) return forced;
      w.held.add(name);
      return { kind: "done", facts: { note: `${name} done` } };
    },
    async compensate(w) {
      w.log.push(`compensate:${name}`);
      w.held.delete(name);
      return { kind: "done" };
    },
  };
}

/** The durable record: the last recorded cursor and the end, as the order row keeps them. */
function journal(start: SagaCursor) {
  const j = {
    cursor: start,
    moves: [] as SagaMove<Facts>[],
    /** Throws once, when set, instead of recording: the process died before the record was written. */
    crashAt: undefined as undefined | ((move: SagaMove<Facts>, from: SagaCursor) => boolean),
    record: async (move: SagaMove<Facts>, from: SagaCursor) => {
      if (j.crashAt?.(move, from)) {
        j.crashAt = undefined;
        throw new Error("crash");
      }
      j.moves.push(move);
      if (move.kind === "next") j.cursor = move.cursor;
    },
  };
  return j;
}

describe("saga step runner", () => {
  it("invokes every step in order and ends completed with the last step's facts", async () => {
    const w = newWorld();
    const steps = [step("lock"), step("pay"), step("confirm")];
    const j = journal({ step: "lock", undo: false });
    const end = await runSaga(steps, j.cursor, w, j.record);
    expect(w.log).toEqual(["invoke:lock", "invoke:pay", "invoke:confirm"]);
    expect(end).toEqual({ kind: "end", end: { kind: "completed", facts: { note: "confirm done" } } });
    expect([...w.held]).toEqual(["lock", "pay", "confirm"]);
  });

  it("compensates the completed steps in reverse order when a later step is refused, and not the refused one", async () => {
    const w = newWorld();
    const refused = step("confirm", { invoke: () => ({ kind: "refused", reason: "seat sold" }) });
    const steps = [step("lock"), step("pay"), refused];
    const j = journal({ step: "lock", undo: false });
    const end = await runSaga(steps, j.cursor, w, j.record);
    expect(w.log).toEqual(["invoke:lock", "invoke:pay", "invoke:confirm", "compensate:pay", "compensate:lock"]);
    expect(end).toEqual({ kind: "end", end: { kind: "compensated", reason: "seat sold" } });
    expect(w.held.size).toBe(0);
    // Every undo carries the refusal, so a resume after a crash still knows why it is undoing.
    expect(j.moves.filter((m) => m.kind === "next").map((m) => m.kind === "next" && m.cursor)).toEqual([
      { step: "pay", undo: false },
      { step: "confirm", undo: false },
      { step: "pay", undo: true, reason: "seat sold" },
      { step: "lock", undo: true, reason: "seat sold" },
    ]);
  });

  it("an undo asked for runs from the last step back; a refused undo keeps the saga complete", async () => {
    const w = newWorld();
    const j = journal({ step: "confirm", undo: true });
    const undone = await runSaga([step("lock"), step("pay"), step("confirm")], j.cursor, w, j.record);
    expect(w.log).toEqual(["compensate:confirm", "compensate:pay", "compensate:lock"]);
    expect(undone).toEqual({ kind: "end", end: { kind: "compensated" } });

    const stubborn: Step = {
      ...step("confirm"),
      compensate: async () => ({ kind: "refused", reason: "printed", facts: { note: "refund refused" } }),
    };
    const kept = await runSaga([step("lock"), stubborn], { step: "confirm", undo: true }, newWorld(), async () => {});
    expect(kept).toEqual({ kind: "end", end: { kind: "kept", reason: "printed", facts: { note: "refund refused" } } });
  });

  it("a step that cannot be undone while undoing a refusal goes to a person, not to a guessed end", () => {
    const steps = [step("lock"), step("pay")];
    expect(
      advance(steps, { step: "lock", undo: true, reason: "refused" }, { kind: "refused", reason: "gone" }),
    ).toEqual({ kind: "attention", reason: "lock could not be undone: gone" });
  });

  it("waits on the injected clock: a step with no answer yet runs again when due, from the recorded cursor", async () => {
    const w = newWorld();
    const due = w.clock.now() + 60_000;
    const slow = step("confirm", {
      invoke: (x) => (x.clock.now() < due ? { kind: "later", at: due } : undefined),
    });
    const steps = [step("lock"), slow];
    const j = journal({ step: "lock", undo: false });
    expect(await runSaga(steps, j.cursor, w, j.record)).toEqual({ kind: "wait", at: due });
    expect(j.cursor).toEqual({ step: "confirm", undo: false });
    w.clock.advance(60_000);
    expect(await runSaga(steps, j.cursor, w, j.record)).toMatchObject({ kind: "end", end: { kind: "completed" } });
    expect(w.log).toEqual(["invoke:lock", "invoke:confirm", "invoke:confirm"]);
  });

  it("a crash between a step's invoke and its record resumes at that step, which repeats without a second effect", async () => {
    const w = newWorld();
    const steps = [step("lock"), step("pay"), step("confirm")];
    const j = journal({ step: "lock", undo: false });
    // "pay" acted, then the process died before its move was recorded.
    j.crashAt = (_move, from) => from.step === "pay";
    await expect(runSaga(steps, j.cursor, w, j.record)).rejects.toThrow("crash");
    expect(j.cursor).toEqual({ step: "pay", undo: false });
    expect(w.held.has("pay")).toBe(true);

    const end = await runSaga(steps, j.cursor, w, j.record);
    expect(end).toMatchObject({ kind: "end", end: { kind: "completed" } });
    expect(w.log).toEqual(["invoke:lock", "invoke:pay", "invoke:pay", "invoke:confirm"]);
    expect([...w.held]).toEqual(["lock", "pay", "confirm"]);
  });

  it("compensation is durable: a crash mid-undo resumes the undo (with its reason), never the forward run", async () => {
    const w = newWorld();
    const steps = [step("lock"), step("pay"), step("confirm", { invoke: () => ({ kind: "refused", reason: "no" }) })];
    const j = journal({ step: "lock", undo: false });
    // "pay" was undone, then the process died before that was recorded.
    j.crashAt = (_move, from) => from.step === "pay" && from.undo;
    await expect(runSaga(steps, j.cursor, w, j.record)).rejects.toThrow("crash");
    expect(j.cursor).toEqual({ step: "pay", undo: true, reason: "no" });

    const end = await runSaga(steps, j.cursor, w, j.record);
    expect(end).toEqual({ kind: "end", end: { kind: "compensated", reason: "no" } });
    // The undo of "pay" ran twice (idempotent), "confirm" was never invoked again.
    expect(w.log).toEqual([
      "invoke:lock",
      "invoke:pay",
      "invoke:confirm",
      "compensate:pay",
      "compensate:pay",
      "compensate:lock",
    ]);
    expect(w.held.size).toBe(0);
  });

  it("refuses a cursor that names no step (a renamed step must not silently restart an order)", async () => {
    await expect(runSaga([step("lock")], { step: "gone", undo: false }, newWorld(), async () => {})).rejects.toThrow(
      "unknown saga step gone",
    );
  });
});
