import { describe, expect, it } from "vitest";
import { driveUntilNot, freeNormalSeats, type Json, sellableWorld } from "../../orders/harness.js";
import { confirmWithLostSale, issueOrder, postAccount, refundOrder } from "../order-world.js";
import { simBookings } from "../world-probes.js";

// An order on a 凤凰云智 demo cinema, end to end: onboarding through the Admin API, then lock, confirm,
// issue and refund through the channel API, the platform talking to the lark gateway simulator over HTTP.
const w = sellableWorld("yunzhi");

describe("orders on a 凤凰云智 cinema through the channel API", () => {
  it("the onboarded cinema's code is the gateway's cinemaLinkId, not the national code", () => {
    const c = w.sims.dataset.cinemas.find((x) => x.vendor === "yunzhi")!;
    expect(c.internalCode).not.toBe(c.nationalCode);
  });

  it("the Admin API names a missing 凤凰云智 credential in a 400", async () => {
    const res = await postAccount(w, { channelCode: "demo_lark_channel" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("secret");
  });

  it("locks, confirms and issues a ticket through the lark api names, then refunds it", async () => {
    const issued = await issueOrder(
      w,
      w.showtime.id,
      freeNormalSeats(w.seats, 2).map((s) => s.id),
    );
    expect(issued.pickup.printCode).toBeTruthy();
    const booked = await simBookings(w);
    expect(JSON.stringify(booked)).toContain("issued");
    // Every trade call went out under its lark name: the simulator counts calls by wire name.
    expect(w.sims.faults.yunzhi.callCounts.get("ykse.lark.partner.seat.lockSeats") ?? 0).toBeGreaterThan(0);
    expect(w.sims.faults.yunzhi.callCounts.get("ykse.partner.seat.lockSeats") ?? 0).toBe(0);
    await refundOrder(w, issued.id);
  });

  it("a confirm whose answer is lost is settled by confirming again (idempotent, doc 002 §5.3), issued once", async () => {
    const issuedAtVendor = async () => {
      const res = (await simBookings(w)) as { bookings: Json[] };
      return res.bookings.filter((b) => b.state === "issued").length;
    };
    const before = await issuedAtVendor();
    const seatId = freeNormalSeats(w.seats, 1, 4)[0].id;
    const { order: created } = await confirmWithLostSale(
      w,
      w.showtime.id,
      seatId,
      "ykse.lark.partner.order.confirmOrder",
    );
    const settled = await driveUntilNot(w, created.id, "CONFIRMING");
    expect(settled.status).toBe("ISSUED");
    // The repeated confirm found the first one: the gateway issued exactly one more booking.
    expect(await issuedAtVendor()).toBe(before + 1);
  });
});
