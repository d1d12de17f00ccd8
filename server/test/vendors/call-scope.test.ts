import { describe, expect, it } from "vitest";
import { RingCallRecorder, type VendorCallRecord } from "../../src/vendors/call-recorder.js";
import { feedCallScopes, withVendorCalls } from "../../src/vendors/call-scope.js";

const rec = (id: string): VendorCallRecord => ({
  id,
  vendor: "ykse",
  accountId: "acc",
  call: "x",
  startedAt: 0,
  durationMs: 1,
  outcome: "ok",
  request: "",
  response: "",
});

describe("vendor call scopes", () => {
  it("gives each piece of work exactly its own calls, even interleaved on one recorder", async () => {
    const recorder = new RingCallRecorder(10);
    const stop = feedCallScopes(recorder);
    const tick = () => new Promise((r) => setImmediate(r));
    const work = (prefix: string) =>
      withVendorCalls(async () => {
        for (let i = 0; i < 3; i++) {
          recorder.record(rec(`${prefix}${i}`));
          await tick();
        }
        return prefix;
      });
    recorder.record(rec("outside"));
    const [a, b] = await Promise.all([work("a"), work("b")]);
    expect(a.calls.map((c) => c.id)).toEqual(["a0", "a1", "a2"]);
    expect(b.calls.map((c) => c.id)).toEqual(["b0", "b1", "b2"]);
    stop();
  });

  it("nests: a call in an inner scope belongs to the outer one too", async () => {
    const recorder = new RingCallRecorder(10);
    const stop = feedCallScopes(recorder);
    const outer = await withVendorCalls(async () => {
      recorder.record(rec("o"));
      const inner = await withVendorCalls(async () => recorder.record(rec("i")));
      return inner.calls.map((c) => c.id);
    });
    expect(outer.value).toEqual(["i"]);
    expect(outer.calls.map((c) => c.id)).toEqual(["o", "i"]);
    stop();
  });
});
