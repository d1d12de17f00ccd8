import type { Fen } from "../domain/money.js";

/**
 * A pricing rule as shared/API.md defines it (scope → price), plus `subsidy`: the explicit
 * permission to sell below the vendor's floor, the difference being a cost the platform carries.
 */
export interface RuleScope {
  /** Channel codes. */
  channels?: string[];
  cinemaIds?: string[];
  cityCodes?: string[];
  vendors?: string[];
  filmIds?: string[];
  versions?: string[];
  hallTypes?: string[];
  /** ISO weekdays of the business day, 1 = Monday … 7 = Sunday. */
  weekdays?: number[];
  /** "HH:mm" China time; timeFrom > timeTo wraps midnight (22:00–02:00). */
  timeFrom?: string;
  timeTo?: string;
  /** Business days, inclusive. */
  dateFrom?: string;
  dateTo?: string;
}

export type PriceBase = "list" | "settle" | "lowest";
export type PriceOp = "fixed" | "add" | "percent";

export interface PriceSpec {
  base: PriceBase;
  op: PriceOp;
  /** fixed: the ticket price; add: the amount added (negative = a discount). */
  valueFen?: Fen;
  /** percent: the ticket price as a percentage of the base (90 = 10 % off, 120 = 20 % markup). */
  percent?: number;
  /** Round the buyer's price to a multiple of this many fen (100 = whole yuan). */
  roundToFen?: number;
}

export interface RuleInput {
  name: string;
  enabled: boolean;
  priority?: number;
  scope: RuleScope;
  price: PriceSpec;
  /** The per-seat service fee the buyer pays on top of the ticket; default: the vendor's fee plus the cinema's. */
  serviceFeeFen?: Fen;
  /** Allows a price below the vendor's floor; the platform pays the difference (reported as a cost). */
  subsidy?: boolean;
}

export interface PricingRule extends RuleInput {
  id: string;
  /** Increases with every change; the history names it. */
  version: number;
}

/**
 * How specific a scope is: one point per constrained dimension, except a cinema list, which
 * counts three (a cinema fixes its city and its vendor too). The most specific matching rule wins.
 */
export function specificityOf(scope: RuleScope): number {
  let n = 0;
  const has = (a: unknown[] | undefined) => a !== undefined && a.length > 0;
  if (has(scope.channels)) n++;
  if (has(scope.cinemaIds)) n += 3;
  if (has(scope.cityCodes)) n++;
  if (has(scope.vendors)) n++;
  if (has(scope.filmIds)) n++;
  if (has(scope.versions)) n++;
  if (has(scope.hallTypes)) n++;
  if (has(scope.weekdays)) n++;
  if (scope.timeFrom !== undefined || scope.timeTo !== undefined) n++;
  if (scope.dateFrom !== undefined || scope.dateTo !== undefined) n++;
  return n;
}
