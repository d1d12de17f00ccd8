import { describe, it } from "vitest";
import { sellableWorld } from "../../orders/harness.js";
import { issueWithPickup, refundOrder, settleLostSale } from "../order-world.js";

const w = sellableWorld("mantianxing");

describe("orders through the channel API on a 满天星 demo cinema", () => {
  it("locks, confirms and issues a ticket with OrderNo + ValidCode, then refunds it", async () => {
    const issued = await issueWithPickup(w, /./);
    await refundOrder(w, issued.id);
  });

  it("a confirm whose answer is lost is settled by querying, never by a second SellTicket", async () => {
    await settleLostSale(w, "SellTicket");
  });
});
