import { describe, expect, it } from "vitest";
import { claimBatch, MicroBatcher } from "../src/db/micro-batch.js";

describe("MicroBatcher", () => {
  it("sends the calls of one turn as one batch and answers each in order", async () => {
    const batches: number[][] = [];
    const b = new MicroBatcher(async (items: number[]) => {
      batches.push(items);
      return items.map((n) => n * 10);
    });
    expect(await Promise.all([1, 2, 3].map((n) => b.submit(n)))).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("splits a burst into batches of maxBatch, at most maxInFlight at once, and gathers calls made meanwhile", async () => {
    let inFlight = 0;
    let peak = 0;
    const sizes: number[] = [];
    const b = new MicroBatcher(
      async (items: number[]) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        sizes.push(items.length);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return items;
      },
      { maxBatch: 4, maxInFlight: 2 },
    );
    const all = Array.from({ length: 10 }, (_, i) => b.submit(i));
    expect(await Promise.all(all)).toEqual([...Array(10).keys()]);
    expect(sizes).toEqual([4, 4, 2]);
    expect(peak).toBe(2);
  });

  it("fails every call of a batch whose statement failed, and goes on with the next", async () => {
    let fail = true;
    const b = new MicroBatcher(async (items: string[]) => {
      if (fail) throw new Error("connection reset");
      return items.map((s) => s.toUpperCase());
    });
    const first = await Promise.allSettled([b.submit("a"), b.submit("b")]);
    expect(first.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await b.submit("c")).toBe("C");
  });
});

describe("claimBatch", () => {
  it("sends only the first claim of each key; repeats in the batch and keys the database refused lose", async () => {
    const sent: string[][] = [];
    const run = claimBatch(
      (s: string) => s,
      async (firsts) => {
        sent.push(firsts);
        return firsts.filter((k) => k !== "taken");
      },
    );
    expect(await run(["b", "a", "taken", "a", "b"])).toEqual([true, true, false, false, false]);
    // in key order, so concurrent batches sharing keys lock them in the same order
    expect(sent).toEqual([["a", "b", "taken"]]);
  });
});
