import { describe, expect, it } from "vitest";
import { checkFaultPatch } from "../../src/core/fault-patch.js";

describe("checkFaultPatch", () => {
  it("accepts a valid partial config", () => {
    const patch = {
      default: { latencyMs: 20, errorRate: 0.1 },
      calls: { confirmOrder: { down: true } },
      rateLimitPerSecond: 50,
      slowIssueOutcome: "fail",
      hideShowtimesFor: ["11011000"],
    };
    expect(checkFaultPatch(patch)).toEqual({ ok: true, value: patch });
  });

  it.each([
    [[], "JSON object"],
    [{ errorRate: 0.5 }, "errorRate is not a fault setting"],
    [{ default: { errorRate: 1.5 } }, "default.errorRate must be between 0 and 1"],
    [{ calls: { lock: { down: "yes" } } }, "calls.lock.down must be a boolean"],
    [{ calls: { lock: { latency: 5 } } }, "calls.lock.latency is not a fault rule field"],
    [{ rateLimitPerSecond: 2.5 }, "rateLimitPerSecond must be an integer"],
    [{ slowIssueOutcome: "maybe" }, "slowIssueOutcome"],
    [{ hideShowtimesFor: [1] }, "hideShowtimesFor"],
  ])("rejects %j", (input, message) => {
    const checked = checkFaultPatch(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toContain(message);
  });
});
