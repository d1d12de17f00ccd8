import { readJson } from "../db/json-column.js";
import type { OrderGoodsLine, OrderMemberCard, OrderPaymentPart } from "../db/schema.js";
import { maskCardNo } from "../members/card-refs.js";
import type { OrderRow } from "./order-store.js";

/**
 * An order's goods lines, member card and payment parts (migration 0016) as every view shows them:
 * the channel API and the console read the same columns, and a card appears by its masked number
 * only. No password exists to leak — none is stored (docs/mixed-orders.md, "The password rule").
 */

export function goodsLinesOf(row: Pick<OrderRow, "goods">): OrderGoodsLine[] {
  return readJson<OrderGoodsLine[]>(row.goods ?? []);
}

/** Each part of a split confirm as paid, or null for an order confirmed with one payment. */
export function paymentPartsOf(row: Pick<OrderRow, "payment_parts">) {
  if (!row.payment_parts) return null;
  return readJson<OrderPaymentPart[]>(row.payment_parts).map((p) => ({
    method: p.method,
    amountFen: p.amountFen,
    ...(p.tradeNo ? { tradeNo: p.tradeNo } : {}),
    ...(p.cardNo ? { cardNoMasked: maskCardNo(p.cardNo) } : {}),
  }));
}

/** The card whose price the seats took, masked; null when the seats were priced without one. */
export function memberCardOf(row: Pick<OrderRow, "member_card">) {
  if (!row.member_card) return null;
  return { cardNoMasked: maskCardNo(readJson<OrderMemberCard>(row.member_card).cardNo) };
}
