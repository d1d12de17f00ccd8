import { expect } from "vitest";
import { confirm, createOrder, driveUntilNot, type Json, newKey, type OrderWorld } from "../orders/harness.js";
import { adminPost } from "./admin-post.js";

/** Asks the Admin API for an account of the world's vendor, at its simulator, with these credentials. */
export const postAccount = (w: OrderWorld, credentials: Record<string, string>) =>
  adminPost(w.t, "/admin/vendor-accounts", {
    vendor: w.vendor,
    name: `${w.vendor}-${newKey()}`,
    baseUrl: w.sims.urls[w.vendor],
    credentials,
  });

/** Locks `seatIds`, pays, and drives the order to ISSUED, checking every answer on the way; the issued order. */
export async function issueOrder(w: OrderWorld, showtimeId: string, seatIds: string[]): Promise<Json> {
  const created = await createOrder(w, showtimeId, seatIds);
  expect(created.status).toBe(201);
  expect(created.body.status).toBe("LOCKED");
  expect((await confirm(w, created.body)).status).toBe(202);
  const issued = await driveUntilNot(w, created.body.id, "CONFIRMING");
  expect(issued.status).toBe("ISSUED");
  expect(issued.tickets.map((x: Json) => x.seatId).sort()).toEqual([...seatIds].sort());
  return issued;
}

/** Asks for an issued order's refund through the channel API and drives it to REFUNDED. */
export async function refundOrder(w: OrderWorld, orderId: string): Promise<void> {
  const refund = await w.api.post<Json>(
    `/v1/orders/${orderId}/refund`,
    { reason: "buyer changed plans" },
    { "idempotency-key": newKey() },
  );
  expect(refund.status).toBe(202);
  expect((await driveUntilNot(w, orderId, "REFUNDING")).status).toBe("REFUNDED");
}

/**
 * Locks one seat and confirms while every answer of the vendor's sale call `saleCall` is lost, then
 * lifts the fault; the order and how many sale calls reached the simulator meanwhile. The reset also
 * clears the simulator's call counts, so from here on they count only the recovery's calls.
 */
export async function confirmWithLostSale(
  w: OrderWorld,
  showtimeId: string,
  seatId: string,
  saleCall: string,
): Promise<{ order: Json; salesWhileLost: number }> {
  const created = await createOrder(w, showtimeId, [seatId]);
  expect(created.status).toBe(201);
  const faults = w.sims.faults[w.vendor];
  const salesBefore = faults.callCounts.get(saleCall) ?? 0;
  faults.update({ calls: { [saleCall]: { lostResponseRate: 1 } } });
  try {
    await confirm(w, created.body);
    await w.t.runDueSteps();
    return { order: created.body, salesWhileLost: (faults.callCounts.get(saleCall) ?? 0) - salesBefore };
  } finally {
    faults.reset();
  }
}
