import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import { ChannelClient } from "../../../src/client/channel-client.js";
import { businessDayOf } from "../../../src/domain/time.js";
import { DEMO_SECRET, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../../support/app.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

/**
 * An order issued end to end on a 鼎新 demo cinema through the channel API (onboarding through the
 * Admin API with the 鼎新 credential shape), a refund, and a sale whose answer was lost settled by
 * the workflow's query — never by a second sale. The orders harness (server/test/orders) is written
 * for ykse / VISTA / Moviefan; this file keeps its own few lines of the same shape.
 */
let sims: RunningSimulators;
let t: TestApp;
let api: ChannelClient;
let cinemaId: string;
let showtime: Json;
let seats: Json[];
let keySeq = 0;
const key = () => `dx-${Date.now()}-${++keySeq}`;
const clock = () => sims.clocks.dingxin;

async function admin(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(new URL(path, t.baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function drive(orderId: string, status: string, maxMinutes = 30): Promise<Json> {
  for (let m = 0; m <= maxMinutes; m++) {
    await t.runDueSteps();
    const order = (await api.get<Json>(`/v1/orders/${orderId}`)).body;
    if (order.status !== status || order.needsAttention) return order;
    clock().advance(60_000);
  }
  return (await api.get<Json>(`/v1/orders/${orderId}`)).body;
}

const createOrder = (seatIds: string[]) =>
  api.post<Json>(
    "/v1/orders",
    { showtimeId: showtime.id, seatIds, mobile: "13912345678" },
    { "idempotency-key": key() },
  );
const confirm = (order: Json) =>
  api.post<Json>(
    `/v1/orders/${order.id}/confirm`,
    { paidFen: order.totalFen, payment: { method: "wechat", tradeNo: `wx${order.id}` } },
    { "idempotency-key": key() },
  );
const freeSeats = (n: number, skip: number) =>
  seats.filter((s) => s.type === "normal" && s.status === "available" && !s.areaId).slice(skip, skip + n);

beforeAll(async () => {
  sims = await startSimulators({ seed: 21, cinemas: 10, days: 2, faults: { hangMs: 800 } });
  t = await startTestApp({ catalogClock: { now: () => clock().now() } });
  const missing = await admin("/admin/vendor-accounts", {
    vendor: "dingxin",
    name: "orders-dingxin-bad",
    baseUrl: sims.urls.dingxin,
    credentials: { pid: "10128" },
  });
  expect(missing.status).toBe(400);
  expect(JSON.stringify(missing.body)).toContain("authCode");
  const account = await admin("/admin/vendor-accounts", {
    vendor: "dingxin",
    name: "orders-dingxin",
    baseUrl: sims.urls.dingxin,
    credentials: demoAccounts.dingxin,
  });
  expect(account.status).toBe(201);
  const c = sims.dataset.cinemas.find((x) => x.vendor === "dingxin")!;
  const cinema = await admin("/admin/cinemas", {
    vendorAccountId: account.body.id,
    vendorCinemaId: c.internalCode,
    channels: ["demo"],
  });
  cinemaId = cinema.body.id;
  api = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "demo", secret: DEMO_SECRET });
  const now = clock().now();
  for (const offset of [0, 1]) {
    const date = businessDayOf(now + offset * 86_400_000);
    const items = (await api.get<Json>(`/v1/cinemas/${cinemaId}/showtimes?date=${date}&pageSize=200`)).body
      .items as Json[];
    showtime = items.find((s) => s.onSale && new Date(s.stopSellingAt).getTime() > now + 3 * 3600_000);
    if (showtime) break;
  }
  if (!showtime) throw new Error("no sellable 鼎新 showtime");
  seats = (await api.get<Json>(`/v1/showtimes/${showtime.id}/seats`)).body.seats;
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sims?.close();
});

describe("a 鼎新 order through the channel API", () => {
  it("locks, confirms and issues a ticket with 鼎新's pickup codes, then refunds it", async () => {
    const picked = freeSeats(2, 0);
    const created = await createOrder(picked.map((s) => s.id));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("LOCKED");
    const confirmed = await confirm(created.body);
    expect(confirmed.status).toBe(202);
    const issued = await drive(created.body.id, "CONFIRMING");
    expect(issued.status).toBe("ISSUED");
    expect(issued.pickup.printCode).toMatch(/^\d{8}$/);
    expect(issued.pickup.verifyCode).toMatch(/^\d{6}$/);
    expect(issued.tickets.map((x: Json) => x.seatId).sort()).toEqual(picked.map((s) => s.id).sort());

    const refund = await api.post<Json>(
      `/v1/orders/${created.body.id}/refund`,
      { reason: "buyer changed plans" },
      { "idempotency-key": key() },
    );
    expect(refund.status).toBe(202);
    expect((await drive(created.body.id, "REFUNDING")).status).toBe("REFUNDED");
    const booking = (await (await fetch(`${sims.urls.dingxin}/_control/bookings`)).json()) as Json;
    expect(booking.bookings.filter((b: Json) => b.state === "refunded").length).toBeGreaterThan(0);
  });

  it("a sale whose answer was lost is settled by asking, with exactly one sale at the vendor", async () => {
    const created = await createOrder([freeSeats(1, 6)[0].id]);
    expect(created.status).toBe(201);
    const faults = sims.faults.dingxin;
    const salesBefore = faults.callCounts.get("seat/lock-buy") ?? 0;
    faults.update({ calls: { "seat/lock-buy": { lostResponseRate: 1 } } });
    let salesWhileLost = 0;
    try {
      await confirm(created.body);
      await t.runDueSteps();
      salesWhileLost = (faults.callCounts.get("seat/lock-buy") ?? 0) - salesBefore;
    } finally {
      // reset() also clears the call counts: from here on they count only the recovery's calls.
      faults.reset();
    }
    expect(salesWhileLost).toBe(1);
    const order = await drive(created.body.id, "CONFIRMING");
    expect(order.status).toBe("ISSUED");
    expect(faults.callCounts.get("seat/lock-buy") ?? 0).toBe(0);
    expect(faults.callCounts.get("order/ticket-flag") ?? 0).toBeGreaterThan(0);
    const booking = (await (await fetch(`${sims.urls.dingxin}/_control/bookings`)).json()) as Json;
    const sold = booking.bookings.filter((b: Json) => b.orderId && b.seatIds.length === 1 && b.state === "issued");
    expect(sold.length).toBe(1);
  });
});
