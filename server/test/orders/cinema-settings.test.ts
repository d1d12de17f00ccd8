import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { call } from "../support/console.js";
import { createOrder, freeNormalSeats, type OrderWorld, orderWorld, sellableShowtime } from "./harness.js";

let w: OrderWorld;
beforeAll(async () => {
  w = await orderWorld("vista");
}, 60_000);
afterAll(() => w?.close());

describe("a VISTA cinema's stored settings reach the connector the order path uses", () => {
  it("maxSeatsPerOrder and lockTtlMinutes apply to orders once stored; the defaults before", async () => {
    const { showtime, seats } = await sellableShowtime(w);
    const free = freeNormalSeats(seats, 6);
    expect(free).toHaveLength(6);

    // Nothing stored: VISTA's defaults (10 seats, a 15-minute lock).
    const before = await createOrder(w, showtime.id, [free[0].id, free[1].id, free[2].id]);
    expect(before.status).toBe(201);
    const ttl = (o: { lockedUntil: string }) =>
      (new Date(o.lockedUntil).getTime() - w.sims.clocks.vista.now()) / 60_000;
    expect(ttl(before.body)).toBeCloseTo(15, 0);

    const put = await call(
      w.t.baseUrl,
      "PUT",
      `/admin/cinemas/${w.cinemaId}/settings`,
      { version: 0, settings: { vendor: { maxSeatsPerOrder: 2, lockTtlMinutes: 5 } } },
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    );
    expect(put.status).toBe(200);

    const tooMany = await createOrder(w, showtime.id, [free[3].id, free[4].id, free[5].id]);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ code: "SEAT_RULE_VIOLATION", rule: "too_many", max: 2 });

    const after = await createOrder(w, showtime.id, [free[3].id, free[4].id]);
    expect(after.status).toBe(201);
    expect(ttl(after.body)).toBeCloseTo(5, 0);
  });
});
