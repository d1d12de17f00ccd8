import { describe, expect, it } from "vitest";
import { confirm, createOrder, driveUntilNot, freeNormalSeats, type Json, newKey, sellableWorld } from "./harness.js";
import { balanceAtVendor, cardOf, confirmSplit, firstGoods, vendorCallsText } from "./mixed-order-harness.js";

const w = sellableWorld("ykse", { hours: 6 });

describe("member-card prices (GET /v1/showtimes/{id}/member-prices)", () => {
  it("answers the card's price per seat, live from the vendor, for plain seats and each priced area", async () => {
    const card = await cardOf(w);
    const res = await w.api.get<Json>(`/v1/showtimes/${w.showtime.id}/member-prices?cardRef=${card.cardRef}`);
    expect(res.status).toBe(200);
    const plain = res.body.areas.find((a: Json) => a.areaId === undefined);
    expect(plain.cardPriceFen).toBeGreaterThan(0);
    // The demo card's grade takes 10 % off the list price, floored at the lowest price (ykse §7.10, §5.3).
    expect(plain.cardPriceFen).toBeLessThanOrEqual(w.showtime.price.listFen);
    expect(res.body.discountTicketsLeft).toBe(4);
  });

  it("refuses an unknown cardRef with MEMBER_CARD_INVALID", async () => {
    const res = await w.api.get<Json>(`/v1/showtimes/${w.showtime.id}/member-prices?cardRef=mc_nope`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("MEMBER_CARD_INVALID");
  });
});

describe("a mixed order (seats + goods) at the card's price, paid part by card and part by WeChat", () => {
  it("is issued with the card debited its part once, and a refund puts the card's part back on the card", async () => {
    const card = await cardOf(w);
    const goods = await firstGoods(w);
    const opening = await balanceAtVendor(w, card);
    const seats = freeNormalSeats(w.seats, 2, 40);
    const created = await createOrder(
      w,
      w.showtime.id,
      seats.map((s: Json) => s.id),
      newKey(),
      { goods: [{ goodsId: goods.id, count: 2 }], memberCard: { cardRef: card.cardRef } },
    );
    expect(created.status).toBe(201);
    const order = created.body;
    expect(order.priceKind).toBe("member");
    expect(order.goods).toEqual([{ goodsId: goods.id, name: goods.name, count: 2, saleFen: goods.saleFen }]);
    const prices = (await w.api.get<Json>(`/v1/showtimes/${w.showtime.id}/member-prices?cardRef=${card.cardRef}`)).body;
    const plain = prices.areas.find((a: Json) => a.areaId === undefined);
    expect(order.totalFen).toBe(2 * (plain.cardPriceFen + plain.serviceFeeFen) + 2 * goods.saleFen);

    const cardPart = order.totalFen - 1_000;
    const res = await confirmSplit(w, order, [
      { method: "member_card", amountFen: cardPart, cardRef: card.cardRef, password: card.password },
      { method: "wechat", amountFen: 1_000, tradeNo: "wx-split-1" },
    ]);
    expect(res.status).toBe(202);
    const issued = await driveUntilNot(w, order.id, "CONFIRMING");
    expect(issued.status).toBe("ISSUED");
    expect(issued.payments).toEqual([
      { method: "member_card", amountFen: cardPart, cardNoMasked: `******${card.cardNo.slice(-4)}` },
      { method: "wechat", amountFen: 1_000, tradeNo: "wx-split-1" },
    ]);
    expect(await balanceAtVendor(w, card)).toBe(opening - cardPart);
    expect(await vendorCallsText(w, order.id)).toContain("confirmMixOrderForMultiPay");

    const refund = await w.api.post<Json>(
      `/v1/orders/${order.id}/refund`,
      { reason: "buyer changed plans" },
      { "idempotency-key": newKey() },
    );
    expect(refund.status).toBe(202);
    const refunded = await driveUntilNot(w, order.id, "REFUNDING");
    expect(refunded.status).toBe("REFUNDED");
    expect(await balanceAtVendor(w, card)).toBe(opening);

    await expectNoPassword(card.password);
  });

  it("sells at the card's price with the money from another method (a discount card): the card is not debited", async () => {
    const card = await cardOf(w);
    const opening = await balanceAtVendor(w, card);
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 47)[0].id], newKey(), {
      memberCard: { cardRef: card.cardRef },
    });
    expect(created.body.priceKind).toBe("member");
    expect((await confirm(w, created.body)).status).toBe(202);
    expect((await driveUntilNot(w, created.body.id, "CONFIRMING")).status).toBe("ISSUED");
    expect(await vendorCallsText(w, created.body.id)).toContain("isCardDiscount");
    expect(await balanceAtVendor(w, card)).toBe(opening);
  });

  it("refuses a split that does not add up with VALIDATION_FAILED, and charges nothing", async () => {
    const card = await cardOf(w);
    const opening = await balanceAtVendor(w, card);
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 44)[0].id]);
    const res = await confirmSplit(w, created.body, [
      { method: "member_card", amountFen: 100, cardRef: card.cardRef, password: card.password },
      { method: "wechat", amountFen: created.body.totalFen, tradeNo: "wx-too-much" },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect((await w.api.get<Json>(`/v1/orders/${created.body.id}`)).body.status).toBe("LOCKED");
    expect(await balanceAtVendor(w, card)).toBe(opening);
    await w.api.post(`/v1/orders/${created.body.id}/cancel`, {});
  });

  it("answers a wrong password with MEMBER_CARD_PASSWORD_WRONG and keeps the order LOCKED", async () => {
    const card = await cardOf(w);
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 45)[0].id]);
    const wrong = card.password === "975318" ? "864207" : "975318";
    const res = await confirmSplit(w, created.body, [
      { method: "member_card", amountFen: created.body.totalFen, cardRef: card.cardRef, password: wrong },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("MEMBER_CARD_PASSWORD_WRONG");
    expect(JSON.stringify(res.body)).not.toContain(wrong);
    expect((await w.api.get<Json>(`/v1/orders/${created.body.id}`)).body.status).toBe("LOCKED");
    await w.api.post(`/v1/orders/${created.body.id}/cancel`, {});
  });

  it("answers a balance too low with INSUFFICIENT_BALANCE and the balance, and releases the seats", async () => {
    const card = await cardOf(w);
    const balance = await balanceAtVendor(w, card);
    const seats = freeNormalSeats(w.seats, 6, 50).map((s: Json) => s.id);
    const created = await createOrder(w, w.showtime.id, seats);
    expect(created.status).toBe(201);
    // The demo card's balance covers any order of this showtime, so the order is made to cost more than
    // it (total and declared alike, so the split itself is valid): only the balance check can refuse.
    const poor = await w.t.db
      .updateTable("orders")
      .set({ total_fen: balance + 100, settle_total_fen: balance + 100 })
      .where("id", "=", created.body.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const res = await confirmSplit(w, { id: poor.id }, [
      { method: "member_card", amountFen: balance + 100, cardRef: card.cardRef, password: card.password },
    ]);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "INSUFFICIENT_BALANCE", balanceFen: balance });
    expect((await w.api.get<Json>(`/v1/orders/${created.body.id}`)).body.status).toBe("CANCELLED");
    const holds = await w.t.db.selectFrom("seat_holds").select("order_id").where("order_id", "=", poor.id).execute();
    expect(holds).toEqual([]);
  });

  it("refuses more member-priced seats than the card's discount tickets left (ykse §7.9) before holding any", async () => {
    const card = await cardOf(w);
    const seats = freeNormalSeats(w.seats, 5, 60).map((s: Json) => s.id);
    const res = await createOrder(w, w.showtime.id, seats, newKey(), { memberCard: { cardRef: card.cardRef } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "CONFLICT", reason: "discount_tickets_exhausted", discountTicketsLeft: 4 });
    const again = await createOrder(w, w.showtime.id, seats);
    expect(again.status).toBe(201);
    await w.api.post(`/v1/orders/${again.body.id}/cancel`, {});
  });

  it("refuses goods not on the cinema's menu with GOODS_UNAVAILABLE and holds nothing", async () => {
    const seat = freeNormalSeats(w.seats, 1, 58)[0];
    const res = await createOrder(w, w.showtime.id, [seat.id], newKey(), { goods: [{ goodsId: "no-such", count: 1 }] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "GOODS_UNAVAILABLE", goodsIds: ["no-such"] });
    // Nothing was held: the same seat sells at once without the goods.
    const again = await createOrder(w, w.showtime.id, [seat.id]);
    expect(again.status).toBe(201);
    await w.api.post(`/v1/orders/${again.body.id}/cancel`, {});
  });

  it("left no card password of the run (right or wrong) in any log line or stored row", async () => {
    await expectNoPassword((await cardOf(w)).password);
    await expectNoPassword("975318");
  });
});

/** Every log line and every row the order side stores (orders, journal, events, vendor calls, idempotency). */
async function expectNoPassword(password: string) {
  const stored = await Promise.all(
    ["orders", "order_steps", "order_events", "order_vendor_calls", "idempotency_keys"].map((t) =>
      w.t.db
        .selectFrom(t as "orders")
        .selectAll()
        .execute(),
    ),
  );
  const everything = JSON.stringify(stored) + w.t.logs.join("\n");
  expect(everything).not.toMatch(new RegExp(`(^|[^0-9])${password}([^0-9]|$)`));
}
