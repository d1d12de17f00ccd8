import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { startSimulators } from "../../../../simulators/src/index.js";
import { ChannelClient } from "../../../src/client/channel-client.js";
import {
  confirm,
  createOrder,
  driveUntilNot,
  freeNormalSeats,
  type Json,
  newKey,
  type OrderWorld,
  sellableShowtime,
} from "../../orders/harness.js";
import { DEMO_SECRET, startTestApp, TEST_ADMIN_TOKEN } from "../../support/app.js";

/**
 * An order issued end to end through the channel API on a demo 辰星 cinema, then refunded: the
 * same world the orders tests build (harness.ts), onboarded with the 辰星 demo account.
 */
let w: OrderWorld;
let showtime: Json;
let seats: Json[];

beforeAll(async () => {
  const sims = await startSimulators({ seed: 21, cinemas: 10, days: 2, faults: { hangMs: 800 } });
  const clock = { now: () => sims.clocks.chenxing.now() };
  const t = await startTestApp({ catalogClock: clock });
  const post = async (path: string, body: unknown) =>
    (await (
      await fetch(new URL(path, t.baseUrl), {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    ).json()) as Json;
  const account = await post("/admin/vendor-accounts", {
    vendor: "chenxing",
    name: "orders-chenxing",
    baseUrl: sims.urls.chenxing,
    credentials: demoAccounts.chenxing,
  });
  expect(account.id).toBeTruthy();
  const c = sims.dataset.cinemas.find((x) => x.vendor === "chenxing")!;
  const cinema = await post("/admin/cinemas", {
    vendorAccountId: account.id,
    vendorCinemaId: c.internalCode,
    channels: ["demo"],
  });
  expect(cinema.id).toBeTruthy();
  w = {
    sims,
    t,
    // The harness is typed for the first three vendors; its helpers only read the clock by this id.
    vendor: "chenxing" as OrderWorld["vendor"],
    api: new ChannelClient({ baseUrl: t.baseUrl, channelCode: "demo", secret: DEMO_SECRET }),
    cinemaId: cinema.id,
    advance: (ms) => sims.clocks.chenxing.advance(ms),
    close: async () => {
      await t.close();
      await sims.close();
    },
  };
  ({ showtime, seats } = await sellableShowtime(w));
});
afterAll(() => w?.close());

describe("orders through the channel API (辰星 demo cinema)", () => {
  it("POST /admin/vendor-accounts validates 辰星's credential shape, naming a missing field", async () => {
    const res = await fetch(new URL("/admin/vendor-accounts", w.t.baseUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        vendor: "chenxing",
        name: "cx-missing-key",
        baseUrl: w.sims.urls.chenxing,
        credentials: { appCode: "CINEGATE" },
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("verifyKey");
  });

  it("locks, confirms and issues with a pickup code, then refunds", async () => {
    const picked = freeNormalSeats(seats, 2);
    const created = await createOrder(
      w,
      showtime.id,
      picked.map((s) => s.id),
    );
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("LOCKED");
    const confirmed = await confirm(w, created.body);
    expect(confirmed.status).toBe(202);
    const issued = await driveUntilNot(w, created.body.id, "CONFIRMING");
    expect(issued.status).toBe("ISSUED");
    expect(issued.tickets.map((t: Json) => t.seatId).sort()).toEqual(picked.map((s) => s.id).sort());
    expect(issued.pickup.printCode).toMatch(/^\d{16}$/);
    expect(issued.pickup.verifyCode).toMatch(/^\d{6}$/);

    const refund = await w.api.post<Json>(
      `/v1/orders/${created.body.id}/refund`,
      { reason: "buyer changed plans" },
      { "idempotency-key": newKey() },
    );
    expect(refund.status).toBe(202);
    expect((await driveUntilNot(w, created.body.id, "REFUNDING")).status).toBe("REFUNDED");
    // The simulator's own record: the booking ended refunded.
    const bookings = (await fetch(`${w.sims.urls.chenxing}/_control/bookings`).then((r) => r.json())) as Json;
    expect(JSON.stringify(bookings)).toContain('"refunded"');
  });

  it("a lost SubmitOrder answer is settled by QueryOrderStatus, without a second SubmitOrder", async () => {
    const created = await createOrder(w, showtime.id, [freeNormalSeats(seats, 1, 6)[0].id]);
    expect(created.status).toBe(201);
    w.sims.faults.chenxing.update({ calls: { SubmitOrder: { lostResponseRate: 1 } } });
    try {
      await confirm(w, created.body);
      await w.t.runDueSteps();
    } finally {
      w.sims.faults.chenxing.reset();
    }
    const settled = await driveUntilNot(w, created.body.id, "CONFIRMING", 5);
    expect(settled.status).toBe("ISSUED");
    // Every vendor call kept with the order: one SubmitOrder (its answer lost), then queries.
    const kept = await w.t.db
      .selectFrom("order_vendor_calls")
      .select(["record"])
      .where("order_id", "=", created.body.id)
      .execute();
    const calls = kept.map((k) => (k.record as { call: string }).call);
    expect(calls.filter((c) => c === "chenxing.SubmitOrder")).toHaveLength(1);
    expect(calls).toContain("chenxing.QueryOrderStatus");
    expect(JSON.stringify(kept)).not.toContain("13912345678");
  });

  it("the console's vendor query page runs 辰星's calls, member cards included, with the password masked", async () => {
    const query = async (body: unknown) =>
      (await (
        await fetch(new URL(`/admin/cinemas/${w.cinemaId}/vendor-query`, w.t.baseUrl), {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as Json;
    const info = await query({ call: "cinema" });
    expect(info).toMatchObject({ ok: true, vendor: "chenxing" });
    expect(info.calls[0].request).toContain("QueryCinemaInfo");
    // The onboarded cinema is the first 辰星 cinema of the data set.
    const own = w.sims.dataset.cinemas.find((x) => x.vendor === "chenxing")!;
    const card = w.sims.dataset.cards.find((k) => k.cinemaId === own.id);
    expect(card, "the onboarded 辰星 cinema has member cards").toBeTruthy();
    const grades = await query({ call: "cardGrades" });
    expect(grades.ok, JSON.stringify(grades.error)).toBe(true);
    expect(grades.result.length).toBeGreaterThan(0);
    const login = await query({
      call: "cardLogin",
      params: { cardNumber: card!.cardNo, cardPassword: card!.password },
    });
    expect(login.ok, JSON.stringify(login.error)).toBe(true);
    expect(login.result.cardNumber).toBe(card!.cardNo);
    expect(JSON.stringify(login)).not.toContain(`>${card!.password}<`);
    expect(JSON.stringify(login)).not.toContain(card!.mobile);
    const price = await query({ call: "cardPrice", params: { cardNumber: card!.cardNo, showtimeId: showtime.id } });
    expect(price.ok, JSON.stringify(price.error)).toBe(true);
    expect(price.result.priceFen).toBeGreaterThan(0);
  });
});
