import { readJson } from "../db/json-column.js";
import type { OrderGoodsLine, OrderPaymentPart, OrderSeat } from "../db/schema.js";
import { DomainError } from "../domain/domain-error.js";
import type { MultiPayMethod, MultiPayment, YkseGoodsLine } from "../vendors/ykse/trade.js";
import type { OrderRow } from "./order-store.js";

/** A part of a confirm's split payment as the channel sends it; `password` only for the card part. */
export interface PaymentInput {
  method: OrderPaymentPart["method"];
  amountFen: number;
  tradeNo?: string;
  cardRef?: string;
  password?: string;
}

const invalid = (path: string, message: string) =>
  new DomainError("VALIDATION_FAILED", message, { errors: [{ path, message }] });

/**
 * The rules a split payment must meet before anything is charged: the parts add up to the order's
 * total; at most one member-card part, with its cardRef and password; wallet parts name their trade.
 * The card can pay at most what is declared to the vendor (the per-line lists of ykse §5.4.3 add up
 * to the declared prices), which for member-priced and goods lines is exactly what the buyer pays.
 */
export function checkSplit(order: OrderRow, parts: PaymentInput[]): PaymentInput | undefined {
  const sum = parts.reduce((s, p) => s + p.amountFen, 0);
  if (sum !== order.total_fen) {
    throw invalid("/payments", `payments add up to ${sum} fen but must equal totalFen (${order.total_fen})`);
  }
  const cards = parts.filter((p) => p.method === "member_card");
  if (cards.length > 1) throw invalid("/payments", "at most one member_card part");
  for (const [i, p] of parts.entries()) {
    if (p.method === "member_card" && (!p.cardRef || !p.password)) {
      throw invalid(`/payments/${i}`, "a member_card part needs cardRef and password");
    }
    if (p.method !== "member_card" && (p.cardRef || p.password)) {
      throw invalid(`/payments/${i}`, "cardRef and password belong to the member_card part only");
    }
    if ((p.method === "wechat" || p.method === "alipay") && !p.tradeNo) {
      throw invalid(`/payments/${i}`, `a ${p.method} part needs its tradeNo`);
    }
  }
  const card = cards[0];
  if (card && card.amountFen > order.settle_total_fen) {
    throw invalid("/payments", `the card can pay at most ${order.settle_total_fen} fen of this order`);
  }
  return card;
}

/** The parts as the order keeps them: never the password; the card number for the console and refunds. */
export function storedParts(parts: PaymentInput[], cardNo?: string): OrderPaymentPart[] {
  return parts.map(({ password: _never, ...p }) => ({
    ...p,
    ...(p.method === "member_card" && cardNo ? { cardNo } : {}),
  }));
}

const WALLETS: Record<string, MultiPayMethod> = { wechat: "WeChat", alipay: "Ali", other: "Cash" };

/**
 * ykse's per-ticket and per-goods payment lists (§5.4.3 / §5.6.3) for an order paid partly by card.
 * The card's amount is spread over the lines in order (seats first), each line taking at most what
 * it owes; the rest of each line is the channel's other method (Ali / WeChat with its trade numbers,
 * else Cash), or Corp (接入商补贴) when the card paid everything the buyer owed. Member-priced seats
 * always carry a card entry, possibly 0.00, because that entry's totalDisTickets "1" is what marks a
 * discount ticket in the multi-pay calls.
 */
export function vendorPaymentLists(
  order: OrderRow,
  password: string,
): { ticketPayments: MultiPayment[][]; goods: YkseGoodsLine[] } {
  const parts = readJson<OrderPaymentPart[]>(order.payment_parts!);
  const card = parts.find((p) => p.method === "member_card")!;
  const other = parts.find((p) => p.method !== "member_card");
  let left = card.amountFen;
  const memberPriced = order.price_kind === "member";
  const listFor = (due: number, discounted: boolean): MultiPayment[] => {
    const share = Math.min(left, due);
    left -= share;
    const list: MultiPayment[] = [];
    if (share > 0 || discounted) {
      list.push({ method: "MemberCard", amountFen: share, card: { cardNumber: card.cardNo!, password, discounted } });
    }
    if (due > share) list.push(otherPart(order.id, other, due - share));
    return list;
  };
  const seats = readJson<OrderSeat[]>(order.seats);
  const ticketPayments = seats.map((s) => listFor(s.settleFen + s.vendorFeeFen, memberPriced));
  const goods = goodsLines(order).map((g) => ({ ...g, payments: listFor(g.unitFen * g.count, false) }));
  return { ticketPayments, goods };
}

function otherPart(orderId: string, part: OrderPaymentPart | undefined, amountFen: number): MultiPayment {
  const method = part ? WALLETS[part.method]! : "Corp";
  if (method === "WeChat" || method === "Ali") {
    // §5.4.3 thirdPartPayment: the wallet's transaction number and ours.
    return { method, amountFen, thirdTradeNo: part!.tradeNo!, outTradeNo: orderId.slice(-32) };
  }
  return { method, amountFen };
}

/** The order's goods as the vendor's goodsList lines (unit price = what the buyer pays, §6.2). */
export function goodsLines(order: OrderRow): YkseGoodsLine[] {
  return readJson<OrderGoodsLine[]>(order.goods).map((g) => ({
    vendorGoodsId: g.vendorGoodsId,
    isPackage: g.isPackage,
    count: g.count,
    unitFen: g.saleFen,
  }));
}

export const paysByCard = (order: OrderRow): boolean =>
  order.payment_parts !== null &&
  readJson<OrderPaymentPart[]>(order.payment_parts).some((p) => p.method === "member_card");
