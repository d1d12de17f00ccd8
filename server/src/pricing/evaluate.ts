import type { Bilingual } from "../domain/bilingual.js";
import type { Fen } from "../domain/money.js";
import { type MatchResult, matchScope } from "./match.js";
import { type PriceSpec, type PricingRule, specificityOf } from "./rule.js";
import type { ShowtimeFacts } from "./showtime-facts.js";

/**
 * The one pricing evaluator (issue 18): pure, no I/O, used by the catalogue read, the order lock,
 * the admin preview and the explain view alike, so all four always agree.
 *
 * The floor is the sale price of sale-price.ts: what the vendor must be declared (settle price,
 * raised to its lowest price; a priced area's own settle price) plus the vendor's fee and the
 * cinema's service fee. The declared price never changes here; only what the buyer pays does.
 */

/** Shanghai cinemas: the ticket fee may be at most 12 yuan and at most 20 % of the ticket price. */
export const SHANGHAI_FEE_CAP_FEN = 1200;
export const SHANGHAI_FEE_CAP_PERCENT = 20;

export interface PriceInputsForRule {
  listFen: Fen;
  /** What is declared to the vendor for this seat. */
  settleFen: Fen;
  lowestFen: Fen;
  vendorFeeFen: Fen;
  cinemaServiceFeeFen: Fen;
  shanghai: boolean;
}

export interface PriceStep {
  step: "base" | "op" | "fee" | "shanghaiCap" | "sum" | "round" | "floor" | "minimum";
  fen: Fen;
  /** Why this step gave this amount, for the explain view. */
  note: Bilingual;
}

export interface ComputedPrice {
  saleFen: Fen;
  serviceFeeFen: Fen;
  /** The lowest price the buyer may pay without a subsidy. */
  floorFen: Fen;
  /** The rule asked for less than the floor and was held at it. */
  clamped: boolean;
  /** What the platform pays the vendor on top of the buyer's price (subsidy rules only). */
  subsidyFen: Fen;
  steps: PriceStep[];
}

/** The price without any rule: the floor itself (today's formula). */
export function floorOf(p: PriceInputsForRule): { saleFen: Fen; serviceFeeFen: Fen } {
  const serviceFeeFen = p.vendorFeeFen + p.cinemaServiceFeeFen;
  return { saleFen: p.settleFen + serviceFeeFen, serviceFeeFen };
}

function baseFen(spec: PriceSpec, p: PriceInputsForRule): Fen {
  if (spec.base === "list") return p.listFen;
  // A vendor without a lowest price has no floor but the settle price.
  if (spec.base === "lowest") return p.lowestFen > 0 ? p.lowestFen : p.settleFen;
  return p.settleFen;
}

/** Half-up to a multiple of k. */
export function roundTo(fen: Fen, k: number): Fen {
  return Math.floor((2 * fen + k) / (2 * k)) * k;
}

/** Applies one rule's price to one seat's inputs, step by step. */
export function computePrice(
  rule: { price: PriceSpec; serviceFeeFen?: Fen; subsidy?: boolean },
  p: PriceInputsForRule,
): ComputedPrice {
  const steps: PriceStep[] = [];
  const spec = rule.price;
  const base = baseFen(spec, p);
  steps.push({ step: "base", fen: base, note: BASE_NOTE[spec.base] });

  let ticket: Fen;
  if (spec.op === "fixed") ticket = spec.valueFen ?? base;
  else if (spec.op === "add") ticket = base + (spec.valueFen ?? 0);
  // Percent in hundredths, so 33.33 % is integer arithmetic, not a float product.
  else ticket = Math.round((base * Math.round((spec.percent ?? 100) * 100)) / 10_000);
  ticket = Math.max(0, ticket);
  steps.push({ step: "op", fen: ticket, note: opNote(spec) });

  let fee = rule.serviceFeeFen ?? p.vendorFeeFen + p.cinemaServiceFeeFen;
  steps.push({
    step: "fee",
    fen: fee,
    note:
      rule.serviceFeeFen !== undefined
        ? { zh: "规则设定的服务费", en: "the rule's service fee" }
        : {
            zh: `系统商手续费 ${p.vendorFeeFen} + 影院服务费 ${p.cinemaServiceFeeFen}（分）`,
            en: `vendor fee ${p.vendorFeeFen} + cinema service fee ${p.cinemaServiceFeeFen} (fen)`,
          },
  });
  if (p.shanghai) {
    const cap = Math.min(SHANGHAI_FEE_CAP_FEN, Math.floor((ticket * SHANGHAI_FEE_CAP_PERCENT) / 100));
    if (fee > cap) {
      fee = cap;
      steps.push({
        step: "shanghaiCap",
        fen: fee,
        note: {
          zh: "上海影院：服务费不超过 12 元且不超过票价的 20%",
          en: "Shanghai cinema: fee ≤ 12 yuan and ≤ 20 % of the ticket",
        },
      });
    }
  }

  let sale = ticket + fee;
  steps.push({ step: "sum", fen: sale, note: { zh: "票价 + 服务费", en: "ticket + fee" } });

  const floor = floorOf(p).saleFen;
  if (spec.roundToFen !== undefined && spec.roundToFen > 1) {
    const k = spec.roundToFen;
    let r = roundTo(sale, k);
    // Rounding never crosses the floor: a price at or above it rounds up instead of below it.
    if (!rule.subsidy && sale >= floor && r < floor) r = Math.ceil(sale / k) * k;
    if (r !== sale) {
      sale = r;
      steps.push({
        step: "round",
        fen: sale,
        note: { zh: `取整到 ${k} 分的倍数`, en: `rounded to a multiple of ${k} fen` },
      });
    }
  }

  let clamped = false;
  let subsidyFen = 0;
  if (sale < floor) {
    if (rule.subsidy) {
      subsidyFen = floor - sale;
      steps.push({
        step: "floor",
        fen: sale,
        note: {
          zh: `低于最低价 ${floor}：平台补贴 ${subsidyFen}（分）`,
          en: `below the floor ${floor}: the platform pays ${subsidyFen} (subsidy)`,
        },
      });
    } else {
      sale = floor;
      clamped = true;
      steps.push({
        step: "floor",
        fen: sale,
        note: {
          zh: `按最低价 ${floor} 出售（申报价加手续费）`,
          en: `held at the floor ${floor} (declared price plus fees)`,
        },
      });
    }
  } else {
    steps.push({
      step: "floor",
      fen: sale,
      note: { zh: `不低于最低价 ${floor}`, en: `at or above the floor ${floor}` },
    });
  }
  if (sale < 1) {
    sale = 1;
    subsidyFen = rule.subsidy ? Math.max(0, floor - sale) : 0;
    steps.push({ step: "minimum", fen: sale, note: { zh: "售价不能为 0 或负数", en: "a price is never 0 or below" } });
  }
  // A fee larger than the price (a deep subsidy) would make the ticket part negative.
  const serviceFeeFen = Math.min(fee, sale);
  return { saleFen: sale, serviceFeeFen, floorFen: floor, clamped, subsidyFen, steps };
}

const BASE_NOTE: Record<PriceSpec["base"], Bilingual> = {
  list: { zh: "以挂牌价为基准", en: "list price" },
  settle: { zh: "以结算价为基准", en: "settle price" },
  lowest: { zh: "以最低价为基准", en: "lowest price" },
};

function opNote(spec: PriceSpec): Bilingual {
  if (spec.op === "fixed") return { zh: `固定票价 ${spec.valueFen}`, en: `fixed ticket price ${spec.valueFen}` };
  if (spec.op === "add") {
    const delta = `${spec.valueFen !== undefined && spec.valueFen < 0 ? "" : "+"}${spec.valueFen ?? 0}`;
    return { zh: `基准价 ${delta}`, en: `base ${delta}` };
  }
  return { zh: `基准价的 ${spec.percent}%`, en: `${spec.percent}% of the base` };
}

/** Rules in the order they are tried: most specific first, then highest priority, then oldest id. */
export function ruleOrder(rules: readonly PricingRule[]): PricingRule[] {
  return rules
    .filter((r) => r.enabled)
    .map((r) => ({ r, s: specificityOf(r.scope) }))
    .sort(
      (a, b) =>
        b.s - a.s || (b.r.priority ?? 0) - (a.r.priority ?? 0) || (a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0),
    )
    .map((x) => x.r);
}

export interface SeatPrice {
  saleFen: Fen;
  serviceFeeFen: Fen;
  clamped: boolean;
  subsidyFen: Fen;
}

export interface ShowtimePrice extends SeatPrice {
  /** The rule that set the price; absent when none matched (the floor applies). */
  ruleId?: string;
  areas: Array<SeatPrice & { areaId: string; areaName?: string }>;
}

const plain = (s: ShowtimeFacts): PriceInputsForRule => ({
  listFen: s.listFen,
  settleFen: s.settleFen,
  lowestFen: s.lowestFen,
  vendorFeeFen: s.vendorFeeFen,
  cinemaServiceFeeFen: s.cinemaServiceFeeFen,
  shanghai: s.shanghai,
});

/**
 * A priced area is priced like the showtime with its own declared price; its list price carries
 * the area's premium over the plain settle price, so "list − 5 yuan" stays a premium in a VIP area.
 */
export function areaInputs(s: ShowtimeFacts, areaSettleFen: Fen): PriceInputsForRule {
  return { ...plain(s), settleFen: areaSettleFen, listFen: s.listFen + Math.max(0, areaSettleFen - s.settleFen) };
}

function seatPrice(rule: PricingRule | undefined, p: PriceInputsForRule): SeatPrice {
  if (!rule) return { ...floorOf(p), clamped: false, subsidyFen: 0 };
  const c = computePrice(rule, p);
  return { saleFen: c.saleFen, serviceFeeFen: c.serviceFeeFen, clamped: c.clamped, subsidyFen: c.subsidyFen };
}

/** The winning rule for a showtime and channel, among rules already in `ruleOrder`. */
export function winningRule(
  ordered: readonly PricingRule[],
  s: ShowtimeFacts,
  channel: string,
): PricingRule | undefined {
  return ordered.find((r) => matchScope(r.scope, s, channel).matched);
}

/** One showtime's prices (plain seats and each priced area) for one channel. */
export function priceShowtime(ordered: readonly PricingRule[], s: ShowtimeFacts, channel: string): ShowtimePrice {
  const rule = winningRule(ordered, s, channel);
  return {
    ...seatPrice(rule, plain(s)),
    ...(rule ? { ruleId: rule.id } : {}),
    areas: s.areas.map((a) => ({
      areaId: a.areaId,
      ...(a.areaName !== undefined ? { areaName: a.areaName } : {}),
      ...seatPrice(rule, areaInputs(s, a.settleFen)),
    })),
  };
}

export interface RuleConsidered {
  ruleId: string;
  name: string;
  specificity: number;
  priority: number;
  match: MatchResult;
  chosen: boolean;
}

export interface Explanation {
  considered: RuleConsidered[];
  ruleId?: string;
  /** The plain seat's computation (absent when no rule matched: the floor applies). */
  steps: PriceStep[];
  price: ShowtimePrice;
}

/** Every enabled rule in the order tried, matched or not and why, and the winner's steps. */
export function explainShowtime(rules: readonly PricingRule[], s: ShowtimeFacts, channel: string): Explanation {
  const ordered = ruleOrder(rules);
  const price = priceShowtime(ordered, s, channel);
  const considered = ordered.map((r) => ({
    ruleId: r.id,
    name: r.name,
    specificity: specificityOf(r.scope),
    priority: r.priority ?? 0,
    match: matchScope(r.scope, s, channel),
    chosen: r.id === price.ruleId,
  }));
  const winner = ordered.find((r) => r.id === price.ruleId);
  const steps = winner
    ? computePrice(winner, plain(s)).steps
    : [
        {
          step: "floor" as const,
          fen: price.saleFen,
          note: {
            zh: "没有规则匹配：按最低价出售（申报价加手续费）",
            en: "no rule matched: the floor price (declared price plus fees)",
          },
        },
      ];
  return { considered, ...(winner ? { ruleId: winner.id } : {}), steps, price };
}
