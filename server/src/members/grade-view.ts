import type { MemberCardGrade, MemberCardKind } from "../vendors/member-cards.js";

/** API.md's card kinds. */
export type CardKindView = "stored_value" | "discount" | "benefit" | "count";

/**
 * The vendor's kind in API.md's words. A gift card (ykse gradeType G) holds value the buyer spends,
 * so the channel treats it as stored value.
 */
export function kindView(kind: MemberCardKind): CardKindView {
  return kind === "gift" ? "stored_value" : kind;
}

/** ykse §7.3 note 1: only stored-value and count cards can be recharged. */
export const rechargeableKind = (kind: MemberCardKind) => kind === "stored_value" || kind === "count";

/**
 * One grade as API.md shows it. `onlineSale`: the grades a vendor lists through its partner
 * interface are the ones a channel may register (ykse §7.1 → §7.2).
 */
export function gradeView(g: MemberCardGrade) {
  return {
    gradeId: g.gradeId,
    name: g.name,
    kind: kindView(g.kind),
    onlineSale: true,
    ...(g.minRechargeFen !== undefined ? { minRechargeFen: g.minRechargeFen } : {}),
    ...(g.cardCostFen !== undefined ? { cardCostFen: g.cardCostFen } : {}),
    ...(g.memberFeeFen !== undefined ? { memberFeeFen: g.memberFeeFen } : {}),
    ...(g.validityMonths !== undefined ? { validityMonths: g.validityMonths } : {}),
  };
}
