import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import { ChannelClient } from "../../../src/client/channel-client.js";
import { businessDayOf } from "../../../src/domain/time.js";
import { DEMO_SECRET, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../../support/app.js";

// An order on a 1905 demo cinema, end to end: onboarding through the Admin API, then lock, confirm,
// issue and refund through the channel API, the platform talking to the 1905 simulator over HTTP.
// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

let sims: RunningSimulators;
let t: TestApp;
let api: ChannelClient;
let cinemaId: string;
let showtime: Json;
let seats: Json[];
let keySeq = 0;
const key = () => `m1905-${Date.now()}-${++keySeq}`;
const advance = (ms: number) => sims.clocks.m1905.advance(ms);

async function admin(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(new URL(path, t.baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function driveUntilNot(orderId: string, status: string, maxMinutes = 20): Promise<Json> {
  for (let m = 0; m <= maxMinutes; m++) {
    await t.runDueSteps();
    const order = (await api.get<Json>(`/v1/orders/${orderId}`)).body;
    if (order.status !== status || order.needsAttention) return order;
    advance(60_000);
  }
  return (await api.get<Json>(`/v1/orders/${orderId}`)).body;
}

const free = (n: number, skip: number) =>
  seats.filter((s) => s.type === "normal" && s.status === "available" && !s.areaId).slice(skip, skip + n);

const order = (seatIds: string[]) =>
  api.post<Json>(
    "/v1/orders",
    { showtimeId: showtime.id, seatIds, mobile: "13912345678" },
    { "idempotency-key": key() },
  );

const confirm = (o: Json) =>
  api.post<Json>(
    `/v1/orders/${o.id}/confirm`,
    { paidFen: o.totalFen, payment: { method: "wechat", tradeNo: `wx${o.id}` } },
    { "idempotency-key": key() },
  );

beforeAll(async () => {
  sims = await startSimulators({ seed: 21, cinemas: 10, days: 2, faults: { hangMs: 800 } });
  t = await startTestApp({ catalogClock: { now: () => sims.clocks.m1905.now() } });
  const account = await admin("/admin/vendor-accounts", {
    vendor: "m1905",
    name: "orders-m1905",
    baseUrl: sims.urls.m1905,
    credentials: demoAccounts.m1905,
  });
  expect(account.status).toBe(201);
  const c = sims.dataset.cinemas.find((x) => x.vendor === "m1905")!;
  // Doc 000 §三.1: 1905's internal code is its own number, not the national code.
  expect(c.internalCode).not.toBe(c.nationalCode);
  const cinema = await admin("/admin/cinemas", {
    vendorAccountId: account.body.id,
    vendorCinemaId: c.internalCode,
    channels: ["demo"],
  });
  expect(cinema.status).toBe(201);
  cinemaId = cinema.body.id;
  api = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "demo", secret: DEMO_SECRET });
  const now = sims.clocks.m1905.now();
  for (const offset of [0, 1]) {
    const date = businessDayOf(now + offset * 86_400_000);
    const items = (await api.get<Json>(`/v1/cinemas/${cinemaId}/showtimes?date=${date}&pageSize=200`)).body
      .items as Json[];
    showtime = items.find((s) => s.onSale && new Date(s.stopSellingAt).getTime() > now + 3 * 3600_000);
    if (showtime) break;
  }
  if (!showtime) throw new Error("no sellable 1905 showtime");
  seats = (await api.get<Json>(`/v1/showtimes/${showtime.id}/seats`)).body.seats;
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sims?.close();
});

describe("orders on a 1905 cinema through the channel API", () => {
  it("the Admin API names a missing 1905 credential in a 400", async () => {
    const res = await admin("/admin/vendor-accounts", {
      vendor: "m1905",
      name: "incomplete",
      baseUrl: sims.urls.m1905,
      credentials: { appCode: "1000000001" },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("key");
  });

  it("locks, confirms and issues a ticket with 1905's PrintNo and VerifyCode, then refunds it", async () => {
    const picked = free(2, 0);
    const created = await order(picked.map((s) => s.id));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("LOCKED");
    const confirmed = await confirm(created.body);
    expect(confirmed.status).toBe(202);
    const issued = await driveUntilNot(created.body.id, "CONFIRMING");
    expect(issued.status).toBe("ISSUED");
    expect(issued.pickup.printCode).toMatch(/^\d{10}$/);
    expect(issued.pickup.verifyCode).toMatch(/^\d{6}$/);
    expect(issued.tickets.map((x: Json) => x.seatId).sort()).toEqual(picked.map((s) => s.id).sort());
    // The simulator's own books agree: one issued booking for these seats.
    const booked = await (await fetch(`${sims.urls.m1905}/_control/bookings`)).json();
    expect(JSON.stringify(booked)).toContain("issued");

    const refund = await api.post<Json>(
      `/v1/orders/${created.body.id}/refund`,
      { reason: "buyer changed plans" },
      { "idempotency-key": key() },
    );
    expect(refund.status).toBe(202);
    expect((await driveUntilNot(created.body.id, "REFUNDING")).status).toBe("REFUNDED");
  });

  it("a sale whose answer is lost is settled by GetOrderStatus, not by a second sale", async () => {
    const created = await order([free(1, 4)[0].id]);
    expect(created.status).toBe(201);
    sims.faults.m1905.update({ calls: { SellTicketCustom: { lostResponseRate: 1 } } });
    try {
      await confirm(created.body);
      await t.runDueSteps();
    } finally {
      sims.faults.m1905.reset();
    }
    const settled = await driveUntilNot(created.body.id, "CONFIRMING");
    expect(settled.status).toBe("ISSUED");
    // reset() cleared the counts: after the lost sale, settling took queries only, no second sale.
    expect(sims.faults.m1905.callCounts.get("SellTicketCustom") ?? 0).toBe(0);
    expect(sims.faults.m1905.callCounts.get("GetOrderStatus") ?? 0).toBeGreaterThan(0);
  });
});
