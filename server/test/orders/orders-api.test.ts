import { describe, expect, it } from "vitest";
import { sweep } from "../../src/orders/runner.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { createConsoleUser, login } from "../support/console.js";
import { confirm, createOrder, driveUntilNot, freeNormalSeats, type Json, newKey, sellableWorld } from "./harness.js";

const w = sellableWorld("ykse");

describe("orders through the channel API (ykse)", () => {
  it("locks, confirms and issues a ticket with a pickup code", async () => {
    const picked = freeNormalSeats(w.seats, 2);
    const created = await createOrder(
      w,
      w.showtime.id,
      picked.map((s) => s.id),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "LOCKED",
      showtimeId: w.showtime.id,
      totalFen: w.showtime.price.saleFen * 2,
    });
    expect(created.body.lockedUntil).toMatch(/\+08:00$/);
    expect(JSON.stringify(created.body)).not.toContain("13912345678");

    const confirmed = await confirm(w, created.body);
    expect(confirmed.status).toBe(202);
    expect(confirmed.body.status).toBe("CONFIRMING");
    const issued = await driveUntilNot(w, created.body.id, "CONFIRMING");
    expect(issued.status).toBe("ISSUED");
    expect(issued.tickets.map((t: Json) => t.seatId).sort()).toEqual(picked.map((s) => s.id).sort());
    expect(issued.pickup.printCode ?? issued.pickup.verifyCode).toBeTruthy();
    const list = (await w.api.get<Json>("/v1/orders?status=ISSUED")).body;
    expect(list.items.map((o: Json) => o.id)).toContain(created.body.id);
  });

  it("keeps every vendor call made for the order (lock, confirm, queries) with it, masked", async () => {
    const created = await createOrder(
      w,
      w.showtime.id,
      freeNormalSeats(w.seats, 1, 30).map((s) => s.id),
    );
    await confirm(w, created.body);
    expect((await driveUntilNot(w, created.body.id, "CONFIRMING")).status).toBe("ISSUED");
    const kept = await w.t.db
      .selectFrom("order_vendor_calls")
      .select(["call_id", "record"])
      .where("order_id", "=", created.body.id)
      .execute();
    const records = kept.map((k) => k.record as { id: string; call: string; outcome: string; request: string });
    expect(records.some((r) => /lock/i.test(r.call) && r.outcome === "ok")).toBe(true);
    expect(records.some((r) => /confirm/i.test(r.call) && r.outcome === "ok")).toBe(true);
    expect(records.every((r, i) => r.id === kept[i]!.call_id)).toBe(true);
    expect(JSON.stringify(records)).not.toContain("13912345678");
    const page = await fetch(new URL(`/admin/orders/${created.body.id}`, w.t.baseUrl), {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const ids = ((await page.json()) as Json).vendorCalls.map((c: Json) => c.id);
    expect(ids).toEqual(expect.arrayContaining(records.map((r) => r.id)));
  });

  it("replays the same Idempotency-Key with the same body, and refuses it with another body", async () => {
    const picked = freeNormalSeats(w.seats, 1, 10);
    const key = newKey();
    const first = await createOrder(w, w.showtime.id, [picked[0].id], key);
    const again = await createOrder(w, w.showtime.id, [picked[0].id], key);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const other = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 11)[0].id], key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    await w.api.post(`/v1/orders/${first.body.id}/cancel`, {});
  });

  it("gives concurrent duplicates one order, never a second lock", async () => {
    const seat = freeNormalSeats(w.seats, 1, 12)[0];
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 5 }, () => createOrder(w, w.showtime.id, [seat.id], key)));
    const ids = new Set(results.filter((r) => r.status < 300).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    for (const r of results.filter((r) => r.status >= 300)) expect(r.body.code).toBe("CONFLICT");
    const orders = await w.t.db
      .selectFrom("orders")
      .select("id")
      .where("showtime_id", "=", w.showtime.id)
      .where("status", "=", "LOCKED")
      .execute();
    expect(orders.filter((o) => ids.has(o.id)).length).toBe(1);
    await w.api.post(`/v1/orders/${[...ids][0]}/cancel`, {});
  });

  it("lets only one of two buyers hold a seat", async () => {
    const seat = freeNormalSeats(w.seats, 1, 14)[0];
    const [a, b] = await Promise.all([
      createOrder(w, w.showtime.id, [seat.id]),
      createOrder(w, w.showtime.id, [seat.id]),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.code).toBe("SEAT_UNAVAILABLE");
    expect(loser.body.seatIds).toEqual([seat.id]);
    const winner = a.status === 201 ? a : b;
    const cancelled = await w.api.post<Json>(`/v1/orders/${winner.body.id}/cancel`, {});
    expect(cancelled.body.status).toBe("CANCELLED");
    // Released: the seat can be taken again.
    const retaken = await createOrder(w, w.showtime.id, [seat.id]);
    expect(retaken.status).toBe(201);
    await w.api.post(`/v1/orders/${retaken.body.id}/cancel`, {});
  });

  it("enforces seat rules and prices before any vendor call", async () => {
    const love = w.seats.find((s) => s.type === "loveLeft" && s.status === "available");
    const split = await createOrder(w, w.showtime.id, [love.id]);
    expect(split.status).toBe(409);
    expect(split.body).toMatchObject({ code: "SEAT_RULE_VIOLATION", rule: "love_seat_split" });
    const tooMany = await createOrder(
      w,
      w.showtime.id,
      freeNormalSeats(w.seats, 12, 20).map((s) => s.id),
    );
    expect(tooMany.body).toMatchObject({ code: "SEAT_RULE_VIOLATION", rule: "too_many" });
    const price = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 16)[0].id], newKey(), {
      expectedTotalFen: 1,
    });
    expect(price.body.code).toBe("PRICE_CHANGED");
    const bogus = await createOrder(w, w.showtime.id, ["st_bm9wZQ"]);
    expect(bogus.status).toBe(400);
    const badMobile = await w.api.post<Json>(
      "/v1/orders",
      { showtimeId: w.showtime.id, seatIds: [w.seats[0].id], mobile: "12345" },
      { "idempotency-key": newKey() },
    );
    expect(badMobile.body.code).toBe("VALIDATION_FAILED");
    const noKey = await w.api.post<Json>("/v1/orders", {
      showtimeId: w.showtime.id,
      seatIds: [w.seats[0].id],
      mobile: "13912345678",
    });
    expect(noKey.status).toBe(400);
    const calls = await w.t.db.selectFrom("orders").select("id").where("status", "=", "LOCK_FAILED").execute();
    expect(calls.length).toBe(0);
  });

  it("enforces a cinema's single-gap rule once support switches it on, judging against every taken seat", async () => {
    const admin = (method: string, body?: unknown) =>
      fetch(new URL(`/admin/cinemas/${w.cinemaId}/seat-rules`, w.t.baseUrl), {
        method,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect(await (await admin("GET")).json()).toEqual({ forbidSingleGap: false });
    // Five free side-by-side seats starting at an aisle, the row's edge or a taken seat, from the back
    // of the hall (other tests take seats from the front).
    const map = (await w.api.get<Json>(`/v1/showtimes/${w.showtime.id}/seats`)).body.seats as Json[];
    const free = map.filter((s) => s.type === "normal" && s.status === "available" && !s.areaId);
    const run = free
      .map((s) => [0, 1, 2, 3, 4].map((d) => free.find((o) => o.y === s.y && o.x === s.x + d)))
      .filter((c) => c.every(Boolean) && !free.some((o) => o.y === c[0].y && o.x === c[0].x - 1))
      .at(-1) as Json[];
    expect(run).toHaveLength(5);

    const off = await createOrder(w, w.showtime.id, [run[1].id]);
    expect(off.status).toBe(201);
    await w.api.post<Json>(`/v1/orders/${off.body.id}/cancel`, {}, { "idempotency-key": newKey() });

    expect((await admin("PUT", { forbidSingleGap: true })).status).toBe(200);
    const stranding = await createOrder(w, w.showtime.id, [run[1].id]);
    expect(stranding.status).toBe(409);
    expect(stranding.body).toMatchObject({ code: "SEAT_RULE_VIOLATION", rule: "single_gap", seatIds: [run[0].id] });
    const edge = await createOrder(w, w.showtime.id, [run[0].id, run[1].id]);
    expect(edge.status).toBe(201);
    // run[2] between our hold on run[1] and a buyer taking run[3]: a lone seat the buyer could avoid.
    const between = await createOrder(w, w.showtime.id, [run[3].id]);
    expect(between.body).toMatchObject({ code: "SEAT_RULE_VIOLATION", rule: "single_gap", seatIds: [run[2].id] });

    expect((await admin("PUT", { forbidSingleGap: "yes" })).status).toBe(400);
    // Operators may read their own cinema's rules but not change them; another cinema looks missing.
    await createConsoleUser(w.t, "olga", "cinema_operator", [w.cinemaId]);
    await createConsoleUser(w.t, "otto", "cinema_operator", ["cin_elsewhere"]);
    const olga = await login(w.t.baseUrl, "olga", "pw-olga-0123456789");
    const otto = await login(w.t.baseUrl, "otto", "pw-otto-0123456789");
    const rulesPath = `/admin/cinemas/${w.cinemaId}/seat-rules`;
    expect((await olga.request("GET", rulesPath)).body).toEqual({ forbidSingleGap: true });
    expect((await olga.request("PUT", rulesPath, { forbidSingleGap: false })).status).toBe(403);
    expect((await otto.request("GET", rulesPath)).status).toBe(404);
    expect((await admin("PUT", { forbidSingleGap: false })).status).toBe(200);
    await w.api.post<Json>(`/v1/orders/${edge.body.id}/cancel`, {}, { "idempotency-key": newKey() });
  });

  it("refuses to confirm with the wrong amount, and twice-confirm returns the order as it is", async () => {
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 17)[0].id]);
    const wrong = await w.api.post<Json>(
      `/v1/orders/${created.body.id}/confirm`,
      { paidFen: 1, payment: { method: "wechat", tradeNo: "x" } },
      { "idempotency-key": newKey() },
    );
    expect(wrong.body.code).toBe("VALIDATION_FAILED");
    const first = await confirm(w, created.body);
    const second = await confirm(w, created.body);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    await driveUntilNot(w, created.body.id, "CONFIRMING");
  });

  it("answers a repeated confirm with the same payment, and refuses another payment once CONFIRMING or later", async () => {
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 40)[0].id]);
    const order = created.body;
    const first = await confirm(w, order);
    expect(first.body.status).toBe("CONFIRMING");
    const confirmWith = (paidFen: number, tradeNo: string) =>
      w.api.post<Json>(
        `/v1/orders/${order.id}/confirm`,
        { paidFen, payment: { method: "wechat", tradeNo } },
        { "idempotency-key": newKey() },
      );
    const otherTrade = await confirmWith(order.totalFen, "wx-another-payment");
    expect(otherTrade.status).toBe(409);
    expect(otherTrade.headers.get("content-type")).toContain("application/problem+json");
    expect(otherTrade.body).toMatchObject({ code: "ORDER_STATE_CONFLICT", reason: "confirmed_with_other_payment" });
    expect(otherTrade.body.detail).toMatch(/^订单已在用另一笔支付确认/);
    expect(otherTrade.body.detail).toContain("already being confirmed with another payment");
    expect((await confirmWith(order.totalFen + 1, `wx${order.id}`)).body.code).toBe("ORDER_STATE_CONFLICT");

    const same = await confirm(w, order);
    expect(same.status).toBe(202);
    expect(same.body).toMatchObject({ id: order.id, status: "CONFIRMING" });

    const issued = await driveUntilNot(w, order.id, "CONFIRMING");
    expect(issued.status).toBe("ISSUED");
    const sameAfter = await confirm(w, order);
    expect(sameAfter.status).toBe(202);
    expect(sameAfter.body.status).toBe("ISSUED");
    expect((await confirmWith(order.totalFen, "wx-late-other")).body.code).toBe("ORDER_STATE_CONFLICT");
  });

  it("expires an unpaid lock after its lifetime and frees the seat", async () => {
    const seat = freeNormalSeats(w.seats, 1, 18)[0];
    const created = await createOrder(w, w.showtime.id, [seat.id]);
    w.advance(16 * 60_000);
    const swept = await sweep(w.t.orders.deps, w.t.orders.workflow, { schedule: async () => {} });
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect((await w.api.get<Json>(`/v1/orders/${created.body.id}`)).body.status).toBe("EXPIRED");
    const late = await confirm(w, created.body);
    expect(late.body.code).toBe("ORDER_STATE_CONFLICT");
    expect((await createOrder(w, w.showtime.id, [seat.id])).status).toBe(201);
  });

  it("refunds an issued order", async () => {
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 19)[0].id]);
    await confirm(w, created.body);
    expect((await driveUntilNot(w, created.body.id, "CONFIRMING")).status).toBe("ISSUED");
    const refund = await w.api.post<Json>(
      `/v1/orders/${created.body.id}/refund`,
      { reason: "buyer changed plans" },
      { "idempotency-key": newKey() },
    );
    expect(refund.status).toBe(202);
    expect(refund.body.status).toBe("REFUNDING");
    expect((await driveUntilNot(w, created.body.id, "REFUNDING")).status).toBe("REFUNDED");
  });

  it("keeps channels apart: another channel cannot see or act on this channel's order", async () => {
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 22)[0].id]);
    await w.t.channels.create({ code: "rival", name: "Rival", secret: "rival-secret-0123456789" });
    const { ChannelClient } = await import("../../src/client/channel-client.js");
    const rival = new ChannelClient({ baseUrl: w.t.baseUrl, channelCode: "rival", secret: "rival-secret-0123456789" });
    expect((await rival.get(`/v1/orders/${created.body.id}`)).status).toBe(404);
    expect((await rival.post(`/v1/orders/${created.body.id}/cancel`, {})).status).toBe(404);
    expect(
      (
        await rival.post(
          "/v1/orders",
          { showtimeId: w.showtime.id, seatIds: [w.seats[0].id], mobile: "13912345678" },
          { "idempotency-key": newKey() },
        )
      ).status,
    ).toBe(404);
    await w.api.post(`/v1/orders/${created.body.id}/cancel`, {});
  });
});
