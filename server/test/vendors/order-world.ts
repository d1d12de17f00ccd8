import { expect } from "vitest";
import {
  confirm,
  createOrder,
  driveUntilNot,
  freeNormalSeats,
  type Json,
  newKey,
  type OrderWorld,
  type SellableWorld,
} from "../orders/harness.js";
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

/** The Admin API refuses an account without one of the vendor's credentials in a 400 that names it. */
export async function expectCredentialNamed(
  w: OrderWorld,
  partial: Record<string, string>,
  missing: string,
): Promise<void> {
  const res = await postAccount(w, partial);
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toContain(missing);
}

/** Issues an order for two free normal seats and checks the shape of the vendor's pickup codes; the issued order. */
export async function issueWithPickup(w: SellableWorld, printCode: RegExp, verifyCode = /^\d{6}$/): Promise<Json> {
  const issued = await issueOrder(
    w,
    w.showtime.id,
    freeNormalSeats(w.seats, 2).map((s) => s.id),
  );
  expect(issued.pickup.printCode).toMatch(printCode);
  expect(issued.pickup.verifyCode).toMatch(verifyCode);
  return issued;
}

/**
 * A sale whose every answer is lost (`confirmWithLostSale` on the free normal seat after `skip`),
 * settled by the workflow's recovery to ISSUED without a second sale (the fault's reset cleared the
 * counts, so any sale since would show), having asked with `asked` when one is named; the created
 * order and the sales sent while lost.
 */
export async function settleLostSale(
  w: SellableWorld,
  saleCall: string,
  opts: { asked?: string; skip?: number; maxMinutes?: number } = {},
): Promise<{ created: Json; salesWhileLost: number }> {
  const seatId = freeNormalSeats(w.seats, 1, opts.skip ?? 6)[0].id;
  const { order: created, salesWhileLost } = await confirmWithLostSale(w, w.showtime.id, seatId, saleCall);
  const settled = await driveUntilNot(w, created.id, "CONFIRMING", opts.maxMinutes);
  expect(settled.status).toBe("ISSUED");
  const counts = w.sims.faults[w.vendor].callCounts;
  expect(counts.get(saleCall) ?? 0).toBe(0);
  if (opts.asked) expect(counts.get(opts.asked) ?? 0).toBeGreaterThan(0);
  return { created, salesWhileLost };
}
