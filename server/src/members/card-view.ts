import type { MemberCard, MemberCardBalance, MemberCardRecord } from "../vendors/member-cards.js";
import { maskCardNo } from "./card-refs.js";
import { kindView } from "./grade-view.js";

/**
 * A card as a channel sees it: the number masked, never the holder's data or password. Balance
 * and points only when the vendor gave them (ykse answers them only to a call with the password,
 * §7.8, so a read by handle alone has none).
 */
export function cardView(
  card: MemberCard,
  balance?: Pick<MemberCardBalance, "balanceFen" | "accumulatedPoints" | "tradePoints">,
) {
  const points = balance?.tradePoints ?? balance?.accumulatedPoints;
  return {
    cardNoMasked: maskCardNo(card.cardNumber),
    gradeId: card.gradeId,
    gradeName: card.gradeName,
    kind: kindView(card.kind),
    status: card.status,
    ...(balance?.balanceFen !== undefined ? { balanceFen: balance.balanceFen } : {}),
    ...(points !== undefined ? { points } : {}),
    ...(card.validUntil ? { expiresAt: card.validUntil } : {}),
  };
}

export type CardView = ReturnType<typeof cardView>;

/** One consumption, recharge or points record (no holder data is in them). */
export function recordView(r: MemberCardRecord) {
  return {
    kind: r.kind,
    at: new Date(r.at).toISOString(),
    ...(r.amountFen !== undefined ? { amountFen: r.amountFen } : {}),
    ...(r.refundFen ? { refundFen: r.refundFen } : {}),
    ...(r.balanceAfterFen !== undefined ? { balanceAfterFen: r.balanceAfterFen } : {}),
    ...(r.points ? { points: r.points } : {}),
    ...(r.refundPoints ? { refundPoints: r.refundPoints } : {}),
    ...(r.seats ? { seats: r.seats } : {}),
    ...(r.filmTitle ? { filmTitle: r.filmTitle } : {}),
    ...(r.description ? { description: r.description } : {}),
  };
}
