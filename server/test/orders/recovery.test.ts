import { afterEach, describe, expect, it } from "vitest";
import type { OrderSeat } from "../../src/db/schema.js";
import { loadTradeContext, lockRequestOf } from "../../src/orders/trade-context.js";
import {
  confirm,
  createOrder,
  driveUntilNot,
  freeNormalSeats,
  type Json,
  type OrderWorld,
  orderWorld,
  sellableShowtime,
  stepTrail,
} from "./harness.js";

let w: OrderWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/** Creates and confirms a one-seat order; returns it in CONFIRMING. */
async function confirmedOrder(world: OrderWorld, skip = 0): Promise<Json> {
  const { showtime, seats } = await sellableShowtime(world, 6);
  const created = await createOrder(world, showtime.id, [freeNormalSeats(seats, 1, skip)[0].id]);
  expect(created.status).toBe(201);
  const res = await confirm(world, created.body);
  expect(res.body.status).toBe("CONFIRMING");
  return created.body;
}

const steps = stepTrail;

/** The order's row and trade context, for calling its vendor directly. */
async function tradeOf(world: OrderWorld, orderId: string) {
  const row = (await world.t.orders.deps.orders.get(orderId))!;
  return { row, ctx: (await loadTradeContext(world.t.db, world.t.catalog.registry, row.showtime_id))! };
}

/** A crash mid-call: the step's intent is journalled (and counted), its outcome never written. */
async function journalWithoutOutcome(world: OrderWorld, orderId: string, action: string) {
  await world.t.db
    .insertInto("order_steps")
    .values({ order_id: orderId, action, attempt: 1, started_at: new Date() })
    .execute();
  await world.t.db
    .updateTable("orders")
    .set({ recovery: JSON.stringify({ startedAt: world.sims.clocks.ykse.now(), initialDone: true, attempts: [] }) })
    .where("id", "=", orderId)
    .execute();
}

/** The restart: the next step is due later (the open entry counts as "no answer"); run it when due. */
async function restartAndRunNextStep(world: OrderWorld, orderId: string) {
  world.t.scheduled.splice(0);
  const first = await world.t.orders.workflow.step(orderId);
  expect(first.nextAt).toBeGreaterThan(world.sims.clocks.ykse.now());
  world.advance(first.nextAt! - world.sims.clocks.ykse.now());
  await world.t.orders.workflow.step(orderId);
}

describe("ykse §10 timetable", () => {
  it("a lost confirm response is settled by confirming again (idempotent), issuing exactly one ticket", async () => {
    w = await orderWorld("ykse");
    const order = await confirmedOrder(w);
    w.sims.faults.ykse.update({ calls: { "ykse.partner.order.confirmOrder": { lostResponseRate: 1 } } });
    await w.t.runDueSteps();
    expect((await steps(w, order.id)).map((s) => s.outcome)).toEqual(["outcome_unknown"]);
    w.sims.faults.ykse.reset();
    const final = await driveUntilNot(w, order.id, "CONFIRMING");
    expect(final.status).toBe("ISSUED");
    const trail = await steps(w, order.id);
    expect(trail.map((s) => s.action)).toEqual(["confirm", "confirm"]);
    expect(trail.at(-1)?.outcome).toBe("issued");
  });

  it("an issue still pending after 12 minutes is reversed from minute 13 and ends FAILED with the seat free", async () => {
    w = await orderWorld("ykse");
    w.sims.faults.ykse.update({ slowIssueMinutes: 40, slowIssueOutcome: "success" });
    const order = await confirmedOrder(w, 2);
    const final = await driveUntilNot(w, order.id, "CONFIRMING", 20);
    expect(final.status).toBe("FAILED");
    expect(final.repaid).toBe(false);
    const trail = await steps(w, order.id);
    const confirms = trail.filter((s) => s.action === "confirm").length;
    expect(confirms).toBeGreaterThanOrEqual(12);
    expect(confirms).toBeLessThanOrEqual(13);
    expect(trail.at(-1)).toMatchObject({ action: "reverse", outcome: "reversed" });
    const holds = await w.t.db.selectFrom("seat_holds").select("order_id").where("order_id", "=", order.id).execute();
    expect(holds).toEqual([]);
  });

  it("resumes after a crash that cut a confirm off mid-call: the vendor is asked, not guessed", async () => {
    w = await orderWorld("ykse");
    const order = await confirmedOrder(w, 3);
    // The crash: the intent was journalled and the vendor did the confirm, but no outcome was written.
    await journalWithoutOutcome(w, order.id, "confirm");
    const { row, ctx } = await tradeOf(w, order.id);
    const direct = await ctx.connector.confirm({
      ...lockRequestOf(ctx, row.seats as OrderSeat[], row.mobile, row.id),
      vendorLockId: row.vendor_lock_id!,
      lockVendorData: row.lock_vendor_data as Record<string, unknown>,
      totalFen: row.settle_total_fen,
      attempt: 1,
    });
    expect(direct.ok).toBe(true);
    // Restart: the step runner finds the open journal entry and follows the timetable (§10: a minute on).
    await restartAndRunNextStep(w, order.id);
    const trail = await steps(w, order.id);
    expect(trail[0]?.outcome).toBe("interrupted");
    expect(trail[1]).toMatchObject({ action: "confirm", outcome: "issued" });
    expect((await w.api.get<Json>(`/v1/orders/${order.id}`)).body.status).toBe("ISSUED");
  });
});

describe("ykse §5.11 refunds", () => {
  const refund = (world: OrderWorld, id: string) =>
    world.api.post<Json>(`/v1/orders/${id}/refund`, { reason: "plans changed" }, { "idempotency-key": `r-${id}` });

  it("a refund that never reached the vendor ends back in ISSUED with lastRefundError, not REFUNDING until the show", async () => {
    w = await orderWorld("ykse");
    const order = await confirmedOrder(w, 4);
    expect((await driveUntilNot(w, order.id, "CONFIRMING")).status).toBe("ISSUED");
    // "timeout": the simulator accepts the request and never acts on it.
    w.sims.faults.ykse.update({ calls: { "ykse.partner.order.refundOrder": { timeoutRate: 1 } } });
    expect((await refund(w, order.id)).body.status).toBe("REFUNDING");
    await w.t.runDueSteps();
    w.sims.faults.ykse.reset();
    const final = await driveUntilNot(w, order.id, "REFUNDING", 5);
    expect(final.status).toBe("ISSUED");
    expect(final.lastRefundError).toMatch(/refund did not take effect/);
    expect((await steps(w, order.id)).slice(-2)).toEqual([
      { action: "refund", outcome: "outcome_unknown" },
      { action: "query", outcome: "issued" },
    ]);
    // The channel may ask again, and this time the vendor refunds.
    const again = await w.api.post<Json>(
      `/v1/orders/${order.id}/refund`,
      { reason: "again" },
      { "idempotency-key": `r2-${order.id}` },
    );
    expect(again.body.status).toBe("REFUNDING");
    expect((await driveUntilNot(w, order.id, "REFUNDING", 5)).status).toBe("REFUNDED");
  });

  it("resumes after a crash that cut a refund off mid-call: the order is asked about, never refunded twice", async () => {
    w = await orderWorld("ykse");
    const order = await confirmedOrder(w, 6);
    expect((await driveUntilNot(w, order.id, "CONFIRMING")).status).toBe("ISSUED");
    expect((await refund(w, order.id)).body.status).toBe("REFUNDING");
    // The crash: the refund's intent was journalled and the vendor refunded, but no outcome was written.
    await journalWithoutOutcome(w, order.id, "refund");
    const { row, ctx } = await tradeOf(w, order.id);
    expect((await ctx.connector.refund!(w.t.orders.workflow.orderRef(row, ctx), "plans changed")).ok).toBe(true);
    // Restart: the open journal entry counts as "no answer"; §5.11 asks the order a minute on.
    await restartAndRunNextStep(w, order.id);
    expect((await w.api.get<Json>(`/v1/orders/${order.id}`)).body.status).toBe("REFUNDED");
    expect((await steps(w, order.id)).slice(-2)).toEqual([
      { action: "refund", outcome: "interrupted" },
      { action: "query", outcome: "refunded" },
    ]);
  });

  it("a refund whose answer was lost is settled by the query a minute later", async () => {
    w = await orderWorld("ykse");
    const order = await confirmedOrder(w, 5);
    expect((await driveUntilNot(w, order.id, "CONFIRMING")).status).toBe("ISSUED");
    w.sims.faults.ykse.update({ calls: { "ykse.partner.order.refundOrder": { lostResponseRate: 1 } } });
    await refund(w, order.id);
    await w.t.runDueSteps();
    w.sims.faults.ykse.reset();
    expect((await driveUntilNot(w, order.id, "REFUNDING", 5)).status).toBe("REFUNDED");
  });
});

describe("VISTA §2.2 flow", () => {
  it("a lost CompleteOrder is settled by asking (GetOrder / QueryOrderBookingStatus), never by a second booking", async () => {
    w = await orderWorld("vista");
    const order = await confirmedOrder(w);
    w.sims.faults.vista.update({ calls: { CompleteOrder: { lostResponseRate: 1 } } });
    await w.t.runDueSteps();
    w.sims.faults.vista.reset();
    const final = await driveUntilNot(w, order.id, "CONFIRMING");
    expect(final.status).toBe("ISSUED");
    expect(final.pickup.printCode).toMatch(/^\d{16}$/);
  });

  it("a recovery call our breaker kept from the vendor does not use up the §2.2 confirm: it is made when it can be", async () => {
    w = await orderWorld("vista");
    const order = await confirmedOrder(w, 3);
    // The first CompleteOrder never reaches VISTA's books (no answer, nothing done).
    w.sims.faults.vista.update({ calls: { CompleteOrder: { timeoutRate: 1 } } });
    await w.t.runDueSteps();
    w.sims.faults.vista.reset();
    // The recovery confirm (GetOrder, then CompleteOrder again) is refused by our open breaker, once.
    const { connector } = (await tradeOf(w, order.id)).ctx;
    const real = connector.confirm.bind(connector);
    let refused = 0;
    connector.confirm = async (req) => {
      if (refused++ > 0) return real(req);
      return { ok: false, error: { code: "vendor_unavailable", vendorCode: "circuit_open", message: "circuit open" } };
    };
    try {
      const final = await driveUntilNot(w, order.id, "CONFIRMING", 10);
      expect(final.status).toBe("ISSUED");
    } finally {
      connector.confirm = real;
    }
    expect((await steps(w, order.id)).map((s) => `${s.action}:${s.outcome}`)).toEqual([
      "confirm:outcome_unknown",
      "confirm:vendor_unavailable",
      "confirm:issued",
    ]);
  });

  it("a booking that never completes is cancelled after 15 status queries and ends FAILED", async () => {
    w = await orderWorld("vista");
    w.sims.faults.vista.update({ slowIssueMinutes: 60, slowIssueOutcome: "success" });
    const order = await confirmedOrder(w, 1);
    const final = await driveUntilNot(w, order.id, "CONFIRMING", 25);
    expect(final.status).toBe("FAILED");
    const trail = await steps(w, order.id);
    expect(trail.filter((s) => s.action === "query").length).toBeGreaterThanOrEqual(15);
    expect(trail.some((s) => s.action === "cancel")).toBe(true);
  });

  it("a cancel that fails after the 15 queries is followed by RefundBooking (§2.2 ⑮); the buyer is repaid", async () => {
    w = await orderWorld("vista");
    // The booking completes only after the query sequence; CancelOrder then fails, so the refund phase runs.
    w.sims.faults.vista.update({
      slowIssueMinutes: 17,
      slowIssueOutcome: "success",
      calls: { CancelOrder: { errorRate: 1 } },
    });
    const order = await confirmedOrder(w, 2);
    const final = await driveUntilNot(w, order.id, "CONFIRMING", 40);
    expect(final.status).toBe("FAILED");
    expect(final.repaid).toBe(false);
    const trail = await steps(w, order.id);
    const cancel = trail.findIndex((s) => s.action === "cancel");
    expect(trail.filter((s) => s.action === "query").length).toBe(15);
    expect(trail[cancel]?.outcome).not.toBe("reversed");
    expect(trail.slice(cancel + 1).map((s) => s.action)).toContain("refund");
    expect(trail.at(-1)).toMatchObject({ action: "refund", outcome: "refunded" });
    const row = await w.t.db
      .selectFrom("orders")
      .select("vendor_lock_id")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    const bookings = (await (await fetch(new URL("/_control/bookings", w.sims.urls.vista))).json()) as Json;
    expect(bookings.bookings.filter((b: Json) => b.lockId === row.vendor_lock_id).map((b: Json) => b.state)).toEqual([
      "refunded",
    ]);
  });
});

describe("Moviefan: poll queryOrder each minute until 30 or 40", () => {
  it("a lost submitOrder response resolves by querying", async () => {
    w = await orderWorld("moviefan");
    const order = await confirmedOrder(w);
    w.sims.faults.moviefan.update({ calls: { submitOrder: { lostResponseRate: 1 } } });
    await w.t.runDueSteps();
    w.sims.faults.moviefan.reset();
    const final = await driveUntilNot(w, order.id, "CONFIRMING");
    expect(final.status).toBe("ISSUED");
    expect((await steps(w, order.id)).filter((s) => s.action === "confirm").length).toBe(1);
  });

  it("an order that issues only after several minutes stays CONFIRMING, then ISSUED", async () => {
    w = await orderWorld("moviefan");
    w.sims.faults.moviefan.update({ slowIssueMinutes: 5, slowIssueOutcome: "success" });
    const order = await confirmedOrder(w, 1);
    await w.t.runDueSteps();
    expect((await w.api.get<Json>(`/v1/orders/${order.id}`)).body.status).toBe("CONFIRMING");
    const final = await driveUntilNot(w, order.id, "CONFIRMING", 10);
    expect(final.status).toBe("ISSUED");
    expect((await steps(w, order.id)).filter((s) => s.action === "query").length).toBeGreaterThanOrEqual(4);
  });

  it("a submitOrder answered with an error is made again while the vendor still holds the unpaid lock", async () => {
    w = await orderWorld("moviefan");
    const order = await confirmedOrder(w, 3);
    w.sims.faults.moviefan.update({ calls: { submitOrder: { errorRate: 1 } } });
    await w.t.runDueSteps();
    w.sims.faults.moviefan.reset();
    expect((await w.api.get<Json>(`/v1/orders/${order.id}`)).body.status).toBe("CONFIRMING");
    const final = await driveUntilNot(w, order.id, "CONFIRMING", 10);
    expect(final.status).toBe("ISSUED");
    expect((await steps(w, order.id)).filter((s) => s.action === "confirm").length).toBe(2);
  });

  it("a submit that keeps failing ends FAILED when the unpaid lock lapses, not at the show", async () => {
    w = await orderWorld("moviefan");
    const order = await confirmedOrder(w, 4);
    w.sims.faults.moviefan.update({ calls: { submitOrder: { errorRate: 1 } } });
    // Locked but 未支付: submit again each minute; the lock lapses after 15 minutes (已取消, unpaid): no ticket.
    const final = await driveUntilNot(w, order.id, "CONFIRMING", 25);
    w.sims.faults.moviefan.reset();
    expect(final.status).toBe("FAILED");
  });

  it("a refused issue (status 40) ends FAILED, nothing else does", async () => {
    w = await orderWorld("moviefan");
    w.sims.faults.moviefan.update({ slowIssueMinutes: 3, slowIssueOutcome: "fail" });
    const order = await confirmedOrder(w, 2);
    const final = await driveUntilNot(w, order.id, "CONFIRMING", 10);
    expect(final.status).toBe("FAILED");
  });
});
