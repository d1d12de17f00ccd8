import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  confirm,
  createOrder,
  driveUntilNot,
  freeNormalSeats,
  type Json,
  newKey,
  type OrderWorld,
  orderWorld,
  sellableShowtime,
} from "../../orders/harness.js";

let w: OrderWorld;
let showtime: Json;
let seats: Json[];

beforeAll(async () => {
  // The harness types its vendors as the first three; it is vendor-neutral otherwise.
  w = await orderWorld("mantianxing" as OrderWorld["vendor"]);
  ({ showtime, seats } = await sellableShowtime(w));
});
afterAll(() => w?.close());

describe("orders through the channel API on a 满天星 demo cinema", () => {
  it("locks, confirms and issues a ticket with OrderNo + ValidCode, then refunds it", async () => {
    const picked = freeNormalSeats(seats, 2);
    const created = await createOrder(
      w,
      showtime.id,
      picked.map((s: Json) => s.id),
    );
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("LOCKED");
    const confirmed = await confirm(w, created.body);
    expect(confirmed.status).toBe(202);
    const issued = await driveUntilNot(w, created.body.id, "CONFIRMING");
    expect(issued.status).toBe("ISSUED");
    expect(issued.tickets.map((t: Json) => t.seatId).sort()).toEqual(picked.map((s: Json) => s.id).sort());
    expect(issued.pickup.printCode).toBeTruthy();
    expect(issued.pickup.verifyCode).toMatch(/^\d{6}$/);

    const refund = await w.api.post<Json>(
      `/v1/orders/${created.body.id}/refund`,
      { reason: "buyer changed plans" },
      { "idempotency-key": newKey() },
    );
    expect(refund.status).toBe(202);
    expect((await driveUntilNot(w, created.body.id, "REFUNDING")).status).toBe("REFUNDED");
  });

  it("a confirm whose answer is lost is settled by querying, never by a second SellTicket", async () => {
    const created = await createOrder(w, showtime.id, [freeNormalSeats(seats, 1, 6)[0].id]);
    expect(created.status).toBe(201);
    w.sims.faults.mantianxing.update({ calls: { SellTicket: { lostResponseRate: 1 } } });
    try {
      await confirm(w, created.body);
      await w.t.runDueSteps();
    } finally {
      w.sims.faults.mantianxing.reset();
    }
    const settled = await driveUntilNot(w, created.body.id, "CONFIRMING");
    expect(settled.status).toBe("ISSUED");
    // reset() cleared the counts: every SellTicket since would show here.
    expect(w.sims.faults.mantianxing.callCounts.get("SellTicket") ?? 0).toBe(0);
  });
});
