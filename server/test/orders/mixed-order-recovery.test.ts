import { afterEach, describe, expect, it } from "vitest";
import { CARD_CONFIRM_GRACE_MS, startConfirm } from "../../src/orders/confirm.js";
import {
  createOrder,
  driveUntilNot,
  freeNormalSeats,
  type Json,
  newKey,
  type OrderWorld,
  orderWorld,
  sellableShowtime,
  stepTrail,
} from "./harness.js";
import { balanceAtVendor, cardOf, confirmSplit, firstGoods, vendorCallsText } from "./mixed-order-harness.js";

let w: OrderWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const MIX_MULTI_PAY = "ykse.partner.order.confirmMixOrderForMultiPay";

const steps = stepTrail;

/** A one-seat + one-goods order at the card's price, LOCKED, with the card and its opening balance. */
async function mixedOrder(world: OrderWorld) {
  const { showtime, seats } = await sellableShowtime(world, 6);
  const card = await cardOf(world);
  const goods = await firstGoods(world);
  const created = await createOrder(world, showtime.id, [freeNormalSeats(seats, 1)[0].id], newKey(), {
    goods: [{ goodsId: goods.id, count: 1 }],
    memberCard: { cardRef: card.cardRef },
  });
  expect(created.status).toBe(201);
  return { order: created.body as Json, card, opening: await balanceAtVendor(world, card) };
}

const split = (order: Json, card: { cardRef: string; password: string }) => [
  { method: "member_card", amountFen: order.totalFen - 500, cardRef: card.cardRef, password: card.password },
  { method: "alipay", amountFen: 500, tradeNo: "ali-split-1" },
];

/** What a card-paid confirm request records before its vendor call: CONFIRMING with the parts, no password. */
async function recordCardConfirm(world: OrderWorld, order: Json, card: { cardRef: string; password: string }) {
  const row = (await world.t.orders.deps.orders.get(order.id))!;
  const channel = await world.t.db
    .selectFrom("channels")
    .select("id")
    .where("code", "=", "demo")
    .executeTakeFirstOrThrow();
  return startConfirm(world.t.orders.deps, row, { payments: split(order, card) as never }, "channel:demo", {
    channelId: channel.id,
    workflow: world.t.orders.workflow,
  });
}

describe("a card-paid mixed order whose vendor answer is lost (ykse §10 timetable)", () => {
  it("is settled by the vendor's order query, never by a second card-paid confirm: the card pays once", async () => {
    w = await orderWorld("ykse");
    const { order, card, opening } = await mixedOrder(w);
    w.sims.faults.ykse.update({ calls: { [MIX_MULTI_PAY]: { lostResponseRate: 1 } } });
    const res = await confirmSplit(w, order, split(order, card));
    w.sims.faults.ykse.reset();
    expect(res.status).toBe(202);
    expect(res.body.status).toBe("CONFIRMING");
    const final = await driveUntilNot(w, order.id, "CONFIRMING");
    expect(final.status).toBe("ISSUED");
    const trail = await steps(w, order.id);
    expect(trail.filter((s) => s.action === "confirm")).toHaveLength(1);
    expect(trail.at(-1)).toMatchObject({ action: "query", outcome: "issued" });
    expect(await balanceAtVendor(w, card)).toBe(opening - (order.totalFen - 500));
  }, 60_000);

  it("is reversed from minute 13 when the issue stays unknown, and the card gets its part back", async () => {
    w = await orderWorld("ykse");
    const { order, card, opening } = await mixedOrder(w);
    w.sims.faults.ykse.update({
      slowIssueMinutes: 40,
      slowIssueOutcome: "success",
      calls: { [MIX_MULTI_PAY]: { lostResponseRate: 1 } },
    });
    const res = await confirmSplit(w, order, split(order, card));
    expect(res.body.status).toBe("CONFIRMING");
    const final = await driveUntilNot(w, order.id, "CONFIRMING", 20);
    w.sims.faults.ykse.reset();
    expect(final.status).toBe("FAILED");
    const trail = await steps(w, order.id);
    expect(trail.filter((s) => s.action === "confirm")).toHaveLength(1);
    expect(trail.at(-1)).toMatchObject({ action: "reverse", outcome: "reversed" });
    expect(await vendorCallsText(w, order.id)).toContain("reverseMixOrder");
    expect(await balanceAtVendor(w, card)).toBe(opening);
  }, 60_000);
});

describe("a crash after the card password was taken, before the vendor call", () => {
  it("fails the order safely (nothing charged, seats released) and tells the buyer to order again", async () => {
    w = await orderWorld("ykse");
    const { order, card, opening } = await mixedOrder(w);
    // What the confirm request wrote before its process died: CONFIRMING with the parts, no password.
    const started = await recordCardConfirm(w, order, card);
    expect(started.order.status).toBe("CONFIRMING");
    expect(
      JSON.stringify(await w.t.db.selectFrom("orders").selectAll().where("id", "=", order.id).execute()),
    ).not.toContain(`"${card.password}"`);
    // A worker before the grace period only re-arms the step: the request might still be calling.
    expect((await w.t.orders.workflow.step(order.id)).nextAt).toBeGreaterThan(w.sims.clocks.ykse.now());
    w.advance(CARD_CONFIRM_GRACE_MS + 1_000);
    await w.t.orders.workflow.step(order.id);
    const final = (await w.api.get<Json>(`/v1/orders/${order.id}`)).body;
    expect(final.status).toBe("FAILED");
    expect(final.failureReason).toContain("请重新下单");
    expect((await steps(w, order.id)).filter((s) => s.action === "confirm")).toHaveLength(0);
    expect(await balanceAtVendor(w, card)).toBe(opening);
    const holds = await w.t.db.selectFrom("seat_holds").select("order_id").where("order_id", "=", order.id).execute();
    expect(holds).toEqual([]);
  }, 60_000);

  it("a call cut off before it reached the vendor is queried, then reversed at minute 13: not found → FAILED, nothing charged", async () => {
    w = await orderWorld("ykse");
    const { order, card, opening } = await mixedOrder(w);
    await recordCardConfirm(w, order, card);
    // The crash mid-call: the intent was journalled and counted, the request never left this node.
    await w.t.db
      .insertInto("order_steps")
      .values({ order_id: order.id, action: "confirm", attempt: 1, started_at: new Date() })
      .execute();
    await w.t.db
      .updateTable("orders")
      .set({ recovery: JSON.stringify({ startedAt: w.sims.clocks.ykse.now(), initialDone: true, attempts: [] }) })
      .where("id", "=", order.id)
      .execute();
    await w.t.orders.scheduler.schedule(order.id, w.sims.clocks.ykse.now());
    const final = await driveUntilNot(w, order.id, "CONFIRMING", 20);
    expect(final.status).toBe("FAILED");
    const trail = await steps(w, order.id);
    expect(trail.filter((s) => s.action === "confirm")).toHaveLength(1);
    expect(trail.some((s) => s.action === "query")).toBe(true);
    expect(trail.at(-1)).toMatchObject({ action: "reverse", outcome: "not_found" });
    expect(await balanceAtVendor(w, card)).toBe(opening);
  }, 60_000);
});
