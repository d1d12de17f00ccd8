import { describe, expect, it } from "vitest";
import { claimBatch, isDataError, MicroBatcher } from "../src/db/micro-batch.js";
import { UnstorableTextError } from "../src/db/storable-text.js";

/** What pg raises when PostgreSQL refuses a value (SQLSTATE 22021: invalid byte sequence). */
const dataError = (message: string) => Object.assign(new Error(message), { code: "22021" });

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

  it("fails every call of a batch lost for a reason no member caused, without retrying, and goes on", async () => {
    let fail = true;
    let runs = 0;
    const b = new MicroBatcher(async (items: string[]) => {
      runs++;
      if (fail) throw new Error("connection reset");
      return items.map((s) => s.toUpperCase());
    });
    const first = await Promise.allSettled([b.submit("a"), b.submit("b")]);
    expect(first.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    // Sending each member again would only fail again and double the load on a struggling database.
    expect(runs).toBe(1);
    fail = false;
    expect(await b.submit("c")).toBe("C");
  });

  it("retries a batch that PostgreSQL refused for its data one member at a time: only the bad member fails", async () => {
    const sent: string[][] = [];
    const b = new MicroBatcher(async (items: string[]) => {
      sent.push(items);
      if (items.includes("bad")) throw dataError("invalid byte sequence");
      return items.map((s) => s.toUpperCase());
    });
    const settled = await Promise.allSettled(["a", "bad", "c"].map((s) => b.submit(s)));
    expect(settled.map((r) => (r.status === "fulfilled" ? r.value : "rejected"))).toEqual(["A", "rejected", "C"]);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/invalid byte sequence/);
    expect(sent[0]).toEqual(["a", "bad", "c"]);
    expect(sent.slice(1).sort()).toEqual([["a"], ["bad"], ["c"]]);
  });

  it("refuses a call carrying text PostgreSQL cannot store before it can join a batch", async () => {
    const sent: Array<Array<{ key: string }>> = [];
    const b = new MicroBatcher(async (items: Array<{ key: string }>) => {
      sent.push(items);
      return items.map(() => true);
    });
    const settled = await Promise.allSettled([
      b.submit({ key: "fine" }),
      b.submit({ key: "nul\u0000byte" }),
      b.submit({ key: "lone \ud800 surrogate" }),
      b.submit({ key: "pair \ud83c\udfac is fine" }),
    ]);
    expect(settled.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    const reason = (settled[1] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(UnstorableTextError);
    expect(reason).toMatchObject({ path: "/key", reason: "NUL byte" });
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ path: "/key", reason: "lone surrogate" });
    expect(sent).toEqual([[{ key: "fine" }, { key: "pair \ud83c\udfac is fine" }]]);
  });

  it("takes SQLSTATE classes 22 (data) and 23 (integrity) as the data's fault, nothing else", () => {
    expect(isDataError(dataError("x"))).toBe(true);
    expect(isDataError(Object.assign(new Error("fk"), { code: "23503" }))).toBe(true);
    expect(isDataError(Object.assign(new Error("gone"), { code: "57P01" }))).toBe(false);
    expect(isDataError(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toBe(false);
    expect(isDataError(new Error("plain"))).toBe(false);
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
