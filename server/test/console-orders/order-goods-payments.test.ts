import { beforeAll, describe, expect, it } from "vitest";
import { confirm, createOrder, driveUntilNot, freeNormalSeats, newKey, sellableWorld } from "../orders/harness.js";
import { cardOf, confirmSplit, firstGoods } from "../orders/mixed-order-harness.js";
import { type ConsoleSession, createConsoleUser, login } from "../support/console.js";

// The order page's goods lines, price kind and payment parts (issue 16 item 6) through real HTTP.
const w = sellableWorld("ykse", { hours: 6 });
let support: ConsoleSession;
let operatorOut: ConsoleSession;

beforeAll(async () => {
  await createConsoleUser(w.t, "gina", "support");
  await createConsoleUser(w.t, "omar", "cinema_operator", ["cin_somewhere_else"]);
  support = await login(w.t.baseUrl, "gina", "pw-gina-0123456789");
  operatorOut = await login(w.t.baseUrl, "omar", "pw-omar-0123456789");
}, 120_000);

const detail = (s: ConsoleSession, id: string) => s.request("GET", `/admin/orders/${id}`);

describe("GET /admin/orders/{id}: goods and payment parts", () => {
  it("shows a mixed, card-priced, split-paid order's goods, price kind, card and each part, card masked", async () => {
    const card = await cardOf(w);
    const goods = await firstGoods(w);
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 30)[0].id], newKey(), {
      goods: [{ goodsId: goods.id, count: 2 }],
      memberCard: { cardRef: card.cardRef },
    });
    expect(created.status).toBe(201);
    const cardPart = created.body.totalFen - 500;
    const confirmed = await confirmSplit(w, created.body, [
      { method: "member_card", amountFen: cardPart, cardRef: card.cardRef, password: card.password },
      { method: "wechat", amountFen: 500, tradeNo: "wx-console-parts-1" },
    ]);
    expect(confirmed.status).toBe(202);
    expect((await driveUntilNot(w, created.body.id, "CONFIRMING")).status).toBe("ISSUED");

    const res = await detail(support, created.body.id);
    expect(res.status).toBe(200);
    const o = res.body.order;
    expect(o.goods).toEqual([
      expect.objectContaining({ goodsId: goods.id, name: goods.name, count: 2, saleFen: goods.saleFen }),
    ]);
    expect(typeof o.goods[0].vendorGoodsId).toBe("string");
    expect(typeof o.goods[0].isPackage).toBe("boolean");
    const masked = `${"*".repeat(card.cardNo.length - 4)}${card.cardNo.slice(-4)}`;
    expect(o.priceKind).toBe("member");
    expect(o.memberCard).toEqual({ cardNoMasked: masked });
    expect(o.paymentParts).toEqual([
      { method: "member_card", amountFen: cardPart, cardNoMasked: masked },
      { method: "wechat", amountFen: 500, tradeNo: "wx-console-parts-1" },
    ]);
    // The order's own fields carry the card by its last four digits only, and no password (none is
    // stored); the recorded vendor calls keep the card number the vendor was sent, password masked.
    // (The demo card number 1000000000 also occurs inside vendor ids, so the card fields are checked.)
    const cardText = JSON.stringify([o.memberCard, o.paymentParts, o.payment]);
    expect(cardText).not.toContain(card.cardNo);
    expect(cardText).not.toContain(card.password);
    expect(JSON.stringify(o)).not.toMatch(/password/i);
  });

  it("shows a seat-only order as standard-priced, no goods, no split", async () => {
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 35)[0].id], newKey());
    expect(created.status).toBe(201);
    await confirm(w, created.body);
    expect((await driveUntilNot(w, created.body.id, "CONFIRMING")).status).toBe("ISSUED");
    const res = await detail(support, created.body.id);
    expect(res.status).toBe(200);
    expect(res.body.order).toMatchObject({ goods: [], priceKind: "standard", memberCard: null, paymentParts: null });
  });

  it("is 404 for an operator of other cinemas", async () => {
    const created = await createOrder(w, w.showtime.id, [freeNormalSeats(w.seats, 1, 37)[0].id], newKey());
    expect(created.status).toBe(201);
    const res = await detail(operatorOut, created.body.id);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("goods");
  });
});
