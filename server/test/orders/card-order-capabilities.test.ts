import { describe, expect, it } from "vitest";
import { issueCardRef } from "../../src/members/card-refs.js";
import { createOrder, freeNormalSeats, type Json, newKey, sellableWorld } from "./harness.js";

const w = sellableWorld("vista");

/** API.md: where the cinema's connector has no goods / member-card trade, a clear 409 — no pretend support. */
describe("goods and member cards at a VISTA cinema", () => {
  const notSupported = { code: "CONFLICT", reason: "not_supported" };

  it("refuses an order with goods with 409 not_supported, holding nothing", async () => {
    const seat = freeNormalSeats(w.seats, 1)[0];
    const res = await createOrder(w, w.showtime.id, [seat.id], newKey(), { goods: [{ goodsId: "g1", count: 1 }] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject(notSupported);
    const again = await createOrder(w, w.showtime.id, [seat.id]);
    expect(again.status).toBe(201);
    await w.api.post(`/v1/orders/${again.body.id}/cancel`, {});
  });

  it("refuses member prices and a member-priced order with 409 not_supported", async () => {
    const channel = await w.t.db
      .selectFrom("channels")
      .select("id")
      .where("code", "=", "demo")
      .executeTakeFirstOrThrow();
    const cardRef = await issueCardRef(w.t.db, channel.id, { cinemaId: w.cinemaId, cardNo: "1234567890" });
    const prices = await w.api.get<Json>(`/v1/showtimes/${w.showtime.id}/member-prices?cardRef=${cardRef}`);
    expect(prices.status).toBe(409);
    expect(prices.body).toMatchObject(notSupported);
    const seat = freeNormalSeats(w.seats, 1, 1)[0];
    const res = await createOrder(w, w.showtime.id, [seat.id], newKey(), { memberCard: { cardRef } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject(notSupported);
  });
});
