import type { KyselyPlugin } from "kysely";
import { describe, expect, it } from "vitest";
import { CreateReads } from "../../src/orders/create-reads.js";
import { createOrder, freeNormalSeats, sellableWorld } from "./harness.js";

const w = sellableWorld("ykse", { seed: 23, hours: 4 });

/** The reads over a connection that counts the SELECTs it sends. */
function countedReads() {
  const counter = { selects: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (a) => {
      if (a.node.kind === "SelectQueryNode") counter.selects++;
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  const reads = new CreateReads(w.t.db.withPlugin(plugin), w.t.catalog.registry, () => w.sims.clocks.ykse.now());
  return { reads, counter };
}

describe("reads shared by concurrent creates", () => {
  it("concurrent creates of one showtime share one read of its holds and context", async () => {
    const { reads, counter } = countedReads();
    const held = await Promise.all(Array.from({ length: 50 }, () => reads.held(w.showtime.id)));
    expect(counter.selects).toBe(1);
    expect(new Set(held).size).toBe(1);
    const channel = await w.t.db
      .selectFrom("channels")
      .select("id")
      .where("code", "=", "demo")
      .executeTakeFirstOrThrow();
    counter.selects = 0;
    const ctxs = await Promise.all(Array.from({ length: 50 }, () => reads.sellable(channel.id, w.showtime.id)));
    // the scope check and the trade context: two reads for all fifty
    expect(counter.selects).toBe(2);
    expect(ctxs.every((c) => c?.showtime.id === w.showtime.id)).toBe(true);
    expect(await reads.sellable("chn_nobody", w.showtime.id)).toBeUndefined();
  });

  it("keeps nothing once a read answered: a hold taken after it is seen by the next read", async () => {
    const { reads } = countedReads();
    const seat = freeNormalSeats(w.seats, 1, 7)[0];
    const before = await reads.held(w.showtime.id);
    expect((await createOrder(w, w.showtime.id, [seat.id])).status).toBe(201);
    const after = await reads.held(w.showtime.id);
    expect(after.size).toBe(before.size + 1);
    expect([...after].some((id) => !before.has(id))).toBe(true);
  });

  it("one of twenty racing buyers wins; the others get SEAT_UNAVAILABLE and leave no order behind", async () => {
    const seat = freeNormalSeats(w.seats, 1, 11)[0];
    const answers = await Promise.all(Array.from({ length: 20 }, () => createOrder(w, w.showtime.id, [seat.id])));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const losers = answers.filter((a) => a.status !== 201);
    expect(losers.map((a) => a.body.code)).toEqual(Array(19).fill("SEAT_UNAVAILABLE"));
    // Losers leave no order rows: refused by the shared read, or rolled back with their hold.
    const rows = await w.t.db.selectFrom("orders").select("id").where("showtime_id", "=", w.showtime.id).execute();
    expect(rows.length).toBe(2);
  });
});
