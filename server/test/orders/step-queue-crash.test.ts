import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/database.js";
import { startBoss } from "../../src/jobs/boss.js";
import type { OrderDeps } from "../../src/orders/deps.js";
import { exclusively, OrderRunner } from "../../src/orders/runner.js";
import { loadTradeContext } from "../../src/orders/trade-context.js";
import type { OrderWorkflow } from "../../src/orders/workflow.js";
import { createTestDatabase } from "../support/db.js";
import { confirm, createOrder, driveUntilNot, freeNormalSeats, orderWorld, sellableShowtime } from "./harness.js";

// Found by the chaos run (bench/orders/chaos.ts): a SIGKILLed node leaves its order step job
// `active`; the sweeper queues the order again; under the old "stately" queue pg-boss could not
// fetch that job (one active per key) and, as the oldest job, it blocked every order's steps
// until the orphan expired minutes later.

let t: { db: Db; url: string; drop(): Promise<void> };
let boss: PgBoss;
let crashed: PgBoss;

beforeAll(async () => {
  t = await createTestDatabase();
  boss = await startBoss(t.url);
  crashed = await startBoss(t.url);
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => {});
  await crashed?.stop({ graceful: false, wait: true }).catch(() => {});
  await t?.drop();
});

const deps = () => ({ db: t.db, clock: { now: () => Date.now() } }) as unknown as OrderDeps;

describe("order step queue after a crash", () => {
  it("runs other orders' steps, and the orphaned order's, without waiting for the orphan to expire", async () => {
    const stepped: string[] = [];
    const workflow = {
      step: async (id: string) => {
        stepped.push(id);
        return { nextAt: null };
      },
    } as unknown as OrderWorkflow;
    // A node took order A's step and died with it: the job stays active.
    const dead = new OrderRunner(crashed, deps(), workflow);
    await dead.start(0);
    await dead.schedule("ord_A", Date.now());
    const [orphan] = await crashed.fetch<{ orderId: string }>("order-steps");
    expect(orphan?.data.orderId).toBe("ord_A");
    // The sweeper re-queues A (its step is overdue); B's confirm queues B's first step.
    await dead.schedule("ord_A", Date.now());
    await dead.schedule("ord_B", Date.now());

    // A live node's workers pick both up at once.
    const runner = new OrderRunner(boss, deps(), workflow);
    await runner.start(2);
    const started = Date.now();
    while (stepped.length < 2 && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 100));
    expect(stepped.sort()).toEqual(["ord_A", "ord_B"]);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it("never runs two steps of one order at once", async () => {
    let inner: unknown;
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    // Node 1 is inside order C's step …
    const first = exclusively(deps(), "ord_C", async () => {
      // … while node 2 tries the same order and another one.
      inner = await exclusively(deps(), "ord_C", async () => "ran");
      const other = await exclusively(deps(), "ord_D", async () => "ran");
      expect(other).toBe("ran");
      await held;
      return "first";
    });
    await new Promise((r) => setTimeout(r, 200));
    release();
    expect(await first).toBe("first");
    expect(inner).toBe("busy");
    // Released with node 1's transaction.
    expect(await exclusively(deps(), "ord_C", async () => "ran")).toBe("ran");
  });
});

describe("a duplicate or early step job", () => {
  it("does not call the vendor before the step is due; it only re-arms it", async () => {
    const w = await orderWorld("ykse");
    try {
      const { showtime, seats } = await sellableShowtime(w, 6);
      const created = await createOrder(w, showtime.id, [freeNormalSeats(seats, 1)[0].id]);
      await confirm(w, created.body);
      w.sims.faults.ykse.update({ calls: { "ykse.partner.order.confirmOrder": { lostResponseRate: 1 } } });
      await w.t.runDueSteps(); // the confirm's answer is lost: the next confirm is due a minute later
      const calls = () => w.sims.faults.ykse.callCounts.get("ykse.partner.order.confirmOrder") ?? 0;
      const before = calls();
      const row = await w.t.orders.deps.orders.get(created.body.id);
      const due = (typeof row!.recovery === "string" ? JSON.parse(row!.recovery) : row!.recovery).nextAt as number;
      expect(due).toBeGreaterThan(Date.now());

      // The sweeper's re-queue or a retried orphan runs the step early:
      expect(await w.t.orders.workflow.step(created.body.id)).toEqual({ nextAt: due });
      expect(calls()).toBe(before);
      // When it is due, it runs.
      w.sims.faults.ykse.update({ calls: {} });
      w.advance(61_000);
      expect((await w.t.orders.workflow.step(created.body.id)).nextAt).toBeNull();
      expect(calls()).toBe(before + 1);
      expect((await w.api.get<{ status: string }>(`/v1/orders/${created.body.id}`)).body.status).toBe("ISSUED");
    } finally {
      await w.close();
    }
  });
});

describe("an order's own call that never reached the vendor", () => {
  it("is made again (Moviefan: recovery only asks, and would wait until the showtime)", async () => {
    const w = await orderWorld("moviefan");
    try {
      const { showtime, seats } = await sellableShowtime(w, 6);
      const created = await createOrder(w, showtime.id, [freeNormalSeats(seats, 1)[0].id]);
      await confirm(w, created.body);
      // Our circuit breaker is open after a vendor outage: the submit is refused before sending.
      const ctx = await loadTradeContext(w.t.db, w.t.orders.deps.registry, showtime.id);
      const connector = ctx!.connector;
      const real = connector.confirm.bind(connector);
      connector.confirm = async () => ({
        ok: false,
        error: { code: "vendor_unavailable", vendorCode: "circuit_open", message: "vendor circuit open" },
      });
      await w.t.runDueSteps();
      connector.confirm = real;
      const submits = () => w.sims.faults.moviefan.callCounts.get("submitOrder") ?? 0;
      expect(submits()).toBe(0);
      const final = await driveUntilNot(w, created.body.id, "CONFIRMING", 5);
      expect(submits()).toBe(1);
      expect(final.status).toBe("ISSUED");
    } finally {
      await w.close();
    }
  });
});
