import { describe, expect, it } from "vitest";
import { driveUntilNot, freeNormalSeats, type Json, sellableWorld } from "../../orders/harness.js";
import { confirmWithLostSale, issueOrder, refundOrder } from "../order-world.js";

const w = sellableWorld("mantianxing");

describe("orders through the channel API on a 满天星 demo cinema", () => {
  it("locks, confirms and issues a ticket with OrderNo + ValidCode, then refunds it", async () => {
    const issued = await issueOrder(
      w,
      w.showtime.id,
      freeNormalSeats(w.seats, 2).map((s: Json) => s.id),
    );
    expect(issued.pickup.printCode).toBeTruthy();
    expect(issued.pickup.verifyCode).toMatch(/^\d{6}$/);
    await refundOrder(w, issued.id);
  });

  it("a confirm whose answer is lost is settled by querying, never by a second SellTicket", async () => {
    const seatId = freeNormalSeats(w.seats, 1, 6)[0].id;
    const { order: created } = await confirmWithLostSale(w, w.showtime.id, seatId, "SellTicket");
    const settled = await driveUntilNot(w, created.id, "CONFIRMING");
    expect(settled.status).toBe("ISSUED");
    // reset() cleared the counts: every SellTicket since would show here.
    expect(w.sims.faults.mantianxing.callCounts.get("SellTicket") ?? 0).toBe(0);
  });
});
