import { describe, expect, it } from "vitest";
import type { OrderGoodsLine, OrderPaymentPart, OrderSeat } from "../../src/db/schema.js";
import type { OrderRow } from "../../src/orders/order-store.js";
import { checkSplit, storedParts, vendorPaymentLists } from "../../src/orders/split-payment.js";

const seat = (n: number, settleFen: number, vendorFeeFen: number): OrderSeat => ({
  seatId: `s${n}`,
  vendorSeatId: `0000000000000001-6-${n}`,
  row: "6",
  col: String(n),
  saleFen: settleFen + vendorFeeFen,
  serviceFeeFen: vendorFeeFen,
  settleFen,
  vendorFeeFen,
});

/** Just the columns the split reads, as pg hands them back (jsonb parsed). */
function order(o: {
  seats: OrderSeat[];
  goods?: OrderGoodsLine[];
  parts: OrderPaymentPart[];
  priceKind?: "standard" | "member";
}): OrderRow {
  const total =
    o.seats.reduce((s, x) => s + x.saleFen, 0) + (o.goods ?? []).reduce((s, g) => s + g.saleFen * g.count, 0);
  return {
    id: "ord_0123456789",
    seats: o.seats,
    goods: o.goods ?? [],
    payment_parts: o.parts,
    price_kind: o.priceKind ?? "standard",
    total_fen: total,
    settle_total_fen: total,
  } as unknown as OrderRow;
}

const card = { method: "member_card" as const, cardRef: "mc_x", cardNo: "112345" };

describe("the per-line payment lists of ykse's multi-pay confirms (§5.4.3, §5.6.3)", () => {
  it("spreads the card over seats first, then goods; the rest of each line is the channel's wallet", () => {
    const o = order({
      seats: [seat(19, 5_000, 0), seat(20, 5_000, 0)],
      goods: [
        { goodsId: "g", vendorGoodsId: "8160812223149", name: "套餐", isPackage: true, count: 1, saleFen: 5_000 },
      ],
      parts: [
        { ...card, amountFen: 7_500 },
        { method: "wechat", amountFen: 7_500, tradeNo: "wx1" },
      ],
    });
    const { ticketPayments, goods } = vendorPaymentLists(o, "123456");
    const brief = (l: { method: string; amountFen: number }[]) => l.map((p) => `${p.method}:${p.amountFen}`);
    expect(ticketPayments.map(brief)).toEqual([["MemberCard:5000"], ["MemberCard:2500", "WeChat:2500"]]);
    expect(goods.map((g) => brief(g.payments!))).toEqual([["WeChat:5000"]]);
    expect(ticketPayments[1]![1]).toMatchObject({ thirdTradeNo: "wx1", outTradeNo: "ord_0123456789" });
    expect(goods[0]).toMatchObject({ vendorGoodsId: "8160812223149", isPackage: true, count: 1, unitFen: 5_000 });
  });

  it("marks every member-priced seat as a discount ticket with a card entry, even one the card pays nothing of", () => {
    const o = order({
      seats: [seat(1, 3_000, 200), seat(2, 3_000, 200)],
      parts: [
        { ...card, amountFen: 3_200 },
        { method: "alipay", amountFen: 3_200, tradeNo: "ali1" },
      ],
      priceKind: "member",
    });
    const { ticketPayments } = vendorPaymentLists(o, "123456");
    expect(ticketPayments[1]).toEqual([
      { method: "MemberCard", amountFen: 0, card: { cardNumber: "112345", password: "123456", discounted: true } },
      { method: "Ali", amountFen: 3_200, thirdTradeNo: "ali1", outTradeNo: "ord_0123456789" },
    ]);
  });

  it("declares the rest as Corp when the card pays everything the buyer owed", () => {
    const o = order({ seats: [seat(1, 4_000, 0)], parts: [{ ...card, amountFen: 4_000 }] });
    o.settle_total_fen = 4_500;
    (o.seats as OrderSeat[])[0]!.settleFen = 4_500;
    expect(vendorPaymentLists(o, "123456").ticketPayments[0]!.map((p) => p.method)).toEqual(["MemberCard", "Corp"]);
  });
});

describe("the split's own rules", () => {
  const o = order({ seats: [seat(1, 4_000, 0)], parts: [] });
  const refusal = (parts: Parameters<typeof checkSplit>[1]) => {
    try {
      checkSplit(o, parts);
      return "accepted";
    } catch (e) {
      return (e as { code: string }).code;
    }
  };

  it("accepts parts that add up to the total, and refuses every other split with VALIDATION_FAILED", () => {
    expect(refusal([{ method: "member_card", amountFen: 4_000, cardRef: "r", password: "123456" }])).toBe("accepted");
    expect(refusal([{ method: "wechat", amountFen: 3_999, tradeNo: "t" }])).toBe("VALIDATION_FAILED");
    expect(refusal([{ method: "member_card", amountFen: 4_000, cardRef: "r" }])).toBe("VALIDATION_FAILED");
    expect(refusal([{ method: "wechat", amountFen: 4_000 }])).toBe("VALIDATION_FAILED");
    expect(
      refusal([
        { method: "member_card", amountFen: 2_000, cardRef: "r", password: "123456" },
        { method: "member_card", amountFen: 2_000, cardRef: "s", password: "123456" },
      ]),
    ).toBe("VALIDATION_FAILED");
    expect(refusal([{ method: "other", amountFen: 4_000, password: "123456" }])).toBe("VALIDATION_FAILED");
  });

  it("keeps no password in the parts the order stores", () => {
    const stored = storedParts(
      [{ method: "member_card", amountFen: 4_000, cardRef: "r", password: "654321" }],
      "112345",
    );
    expect(stored).toEqual([{ method: "member_card", amountFen: 4_000, cardRef: "r", cardNo: "112345" }]);
  });
});
