import { describe, expect, it } from "vitest";
import { chenxingRecovery } from "../../src/vendors/chenxing/recovery.js";
import { moviefanRecovery } from "../../src/vendors/moviefan/recovery.js";
import { choosePhase, minutes, type RecoveryPolicy } from "../../src/vendors/recovery.js";
import { vistaRecoveryPolicy } from "../../src/vendors/vista/recovery.js";
import { ykseRecoveryPolicy } from "../../src/vendors/ykse/recovery.js";

const policies: Record<string, RecoveryPolicy> = {
  ykse: ykseRecoveryPolicy,
  vista: vistaRecoveryPolicy,
  moviefan: moviefanRecovery,
  chenxing: chenxingRecovery,
};

describe("recovery timetables", () => {
  for (const [vendor, policy] of Object.entries(policies)) {
    it(`${vendor}: every phase has a window, so a step the job queue runs a few seconds late still finds it`, () => {
      for (const phase of [...policy.settle, ...policy.refund]) {
        if (phase.untilMs === "showtime") continue;
        expect(phase.untilMs, `${phase.action} from ${phase.fromMs}`).toBeGreaterThan(phase.fromMs);
      }
    });
  }

  it("ykse §5.11: a refund is asked about from 60 s after it was sent, even when that step runs late", () => {
    const late = choosePhase(ykseRecoveryPolicy.refund, minutes(1) + 2_500, minutes(600), []);
    expect(late).toMatchObject({ kind: "run", index: 0, phase: { action: "query" } });
    expect(choosePhase(ykseRecoveryPolicy.refund, minutes(1) - 1, minutes(600), [])).toEqual({
      kind: "wait",
      atMs: minutes(1),
    });
  });

  it("辰星: 20 status queries a minute apart, never past the show, then a human (no status tells a lost SubmitOrder)", () => {
    const day = minutes(24 * 60);
    expect(choosePhase(chenxingRecovery.settle, minutes(19), day, [19])).toMatchObject({
      kind: "run",
      phase: { action: "query" },
    });
    expect(choosePhase(chenxingRecovery.settle, minutes(20), day, [20])).toEqual({ kind: "exhausted" });
    expect(choosePhase(chenxingRecovery.settle, minutes(5), -1, [5])).toEqual({ kind: "exhausted" });
    expect(chenxingRecovery.settle.every((p) => p.action === "query")).toBe(true);
  });
});
