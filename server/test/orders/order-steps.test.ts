import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  confirm,
  createOrder,
  driveUntilNot,
  freeNormalSeats,
  type Json,
  type OrderWorld,
  orderWorld,
  sellableShowtime,
} from "./harness.js";

/**
 * The order's steps (orders/order-steps.ts) run by the saga runner against the ykse simulator, on
 * its injected clock: the journal names the step each vendor call served, and an undo that a crash
 * interrupted resumes as an undo and ends where it should, once.
 */

let w: OrderWorld;
let showtimeId: string;
let seats: Json[];
beforeAll(async () => {
  w = await orderWorld("ykse", 23);
  ({
    showtime: { id: showtimeId },
    seats,
  } = await sellableShowtime(w, 6));
});
afterAll(() => w.close());

const journal = (orderId: string) =>
  w.t.db
    .selectFrom("order_steps")
    .select(["step", "compensating", "action", "outcome"])
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();

const events = async (orderId: string) =>
  (await w.t.db.selectFrom("order_events").select("type").where("order_id", "=", orderId).orderBy("id").execute()).map(
    (e) => e.type,
  );

async function confirmed(skip: number): Promise<Json> {
  const created = await createOrder(w, showtimeId, [freeNormalSeats(seats, 1, skip)[0].id]);
  expect(created.status).toBe(201);
  expect((await confirm(w, created.body)).body.status).toBe("CONFIRMING");
  return created.body;
}

describe("order steps", () => {
  it("journals the vendor confirm as the invoke of confirm-at-vendor and the refund as its compensation", async () => {
    const order = await confirmed(0);
    expect((await driveUntilNot(w, order.id, "CONFIRMING")).status).toBe("ISSUED");
    const refund = await w.api.post<Json>(
      `/v1/orders/${order.id}/refund`,
      { reason: "plans changed" },
      { "idempotency-key": `r-${order.id}` },
    );
    expect(refund.body.status).toBe("REFUNDING");
    expect((await driveUntilNot(w, order.id, "REFUNDING")).status).toBe("REFUNDED");
    expect(await journal(order.id)).toEqual([
      { step: "confirm-at-vendor", compensating: false, action: "confirm", outcome: "issued" },
      { step: "confirm-at-vendor", compensating: true, action: "refund", outcome: "refunded" },
    ]);
    // The refund returned the seats at the vendor: undoing the lock makes no vendor call.
    expect(await events(order.id)).not.toContain("vendor.release");
    const holds = await w.t.db.selectFrom("seat_holds").select("order_id").where("order_id", "=", order.id).execute();
    expect(holds).toEqual([]);
  });

  it("resumes an undo that a crash cut off after a refusal: the lock is released, the order ends FAILED, once", async () => {
    const order = await confirmed(2);
    // The crash: the vendor refused the issue and the move to "undo lock-seats" was recorded; the
    // process died before the undo ran.
    const reason = "vendor refused to issue: seat sold elsewhere";
    await w.t.db
      .updateTable("orders")
      .set({
        recovery: JSON.stringify({
          startedAt: w.sims.clocks.ykse.now(),
          saga: { step: "lock-seats", undo: true, reason },
        }),
      })
      .where("id", "=", order.id)
      .execute();
    w.t.scheduled.splice(0);

    expect(await w.t.orders.workflow.step(order.id)).toEqual({ nextAt: null });
    const row = (await w.t.orders.deps.orders.get(order.id))!;
    expect(row).toMatchObject({ status: "FAILED", failure_reason: reason, repaid: false });
    // The undo never went forward: no confirm reached the vendor.
    expect(await journal(order.id)).toEqual([]);
    const holds = await w.t.db.selectFrom("seat_holds").select("order_id").where("order_id", "=", order.id).execute();
    expect(holds).toEqual([]);
    const release = await w.t.db
      .selectFrom("order_events")
      .select("detail")
      .where("order_id", "=", order.id)
      .where("type", "=", "vendor.release")
      .execute();
    expect(release.map((r) => r.detail)).toEqual([{ ok: true }]);

    // A duplicate job for the final order changes nothing and calls no vendor.
    expect(await w.t.orders.workflow.step(order.id)).toEqual({ nextAt: null });
    expect((await events(order.id)).filter((t) => t === "vendor.release" || t === "order.failed")).toEqual([
      "vendor.release",
      "order.failed",
    ]);
  });

  it("cancelling an unpaid order undoes the lock with the channel as actor", async () => {
    const created = await createOrder(w, showtimeId, [freeNormalSeats(seats, 1, 4)[0].id]);
    expect(created.status).toBe(201);
    const cancelled = await w.api.post<Json>(`/v1/orders/${created.body.id}/cancel`, {});
    expect(cancelled.body.status).toBe("CANCELLED");
    const release = await w.t.db
      .selectFrom("order_events")
      .select(["actor", "detail"])
      .where("order_id", "=", created.body.id)
      .where("type", "=", "vendor.release")
      .execute();
    expect(release).toEqual([{ actor: "channel:demo", detail: { ok: true } }]);
  });
});
