import { describe, expect, it } from "vitest";
import type { PricingRule } from "../../src/pricing/rule.js";
import { RuleSet } from "../../src/pricing/rule-set.js";
import type { PricingRuleStore } from "../../src/pricing/rule-store.js";
import { rule } from "./fixtures.js";

/** A store another node writes to: the revision moves when its rules do. */
function fakeStore() {
  const state: { revision: string; rules: PricingRule[]; reads: number } = {
    revision: "1",
    rules: [rule({ id: "prr_a" })],
    reads: 0,
  };
  const store = {
    revision: async () => state.revision,
    all: async () => {
      state.reads++;
      return state.rules;
    },
  } as unknown as PricingRuleStore;
  return { state, store };
}

describe("RuleSet (this node's copy of the rules)", () => {
  it("loads once, then checks the revision in the background at most every refreshMs, never making a read wait", async () => {
    const { state, store } = fakeStore();
    let now = 0;
    const set = new RuleSet(store, 2000, () => now);
    expect((await set.current()).ordered.map((r) => r.id)).toEqual(["prr_a"]);
    expect(state.reads).toBe(1);

    // Another node adds a rule.
    state.rules = [...state.rules, rule({ id: "prr_b" })];
    state.revision = "2";
    now = 1000;
    expect((await set.current()).ordered).toHaveLength(1); // not yet due
    now = 2500;
    // Due: this read answers with what it has and starts the check…
    expect((await set.current()).ordered).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 0));
    // …and the next one sees the new rules.
    expect((await set.current()).ordered.map((r) => r.id).sort()).toEqual(["prr_a", "prr_b"]);
    expect(state.reads).toBe(2);

    // An unchanged revision reloads nothing.
    now = 6000;
    await set.current();
    await new Promise((r) => setTimeout(r, 0));
    expect(state.reads).toBe(2);
  });

  it("a change on this node is seen at once after reload", async () => {
    const { state, store } = fakeStore();
    const set = new RuleSet(store, 60_000, () => 0);
    await set.current();
    state.rules = [];
    state.revision = "9";
    await set.reload();
    expect((await set.current()).ordered).toEqual([]);
    expect((await set.current()).revision).toBe("9");
  });
});
