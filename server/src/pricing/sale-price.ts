import type { Fen } from "../domain/money.js";

export interface PriceInputs {
  listFen?: Fen;
  settleFen?: Fen;
  lowestFen?: Fen;
  /** The vendor's ticket fee per seat. */
  vendorFeeFen?: Fen;
  /** The cinema's own service fee per seat (configured by operations). */
  cinemaServiceFeeFen: Fen;
}

export interface SalePrice {
  /** What the buyer pays for one seat, fees included, before member discounts. */
  saleFen: Fen;
  /** The part of saleFen that is fees (vendor fee + cinema service fee). */
  serviceFeeFen: Fen;
  /** The ticket price declared to the vendor (never below its floor). */
  settleFen: Fen;
}

/**
 * The one pricing function (catalogue issue): the vendor's settle price (or list price when the
 * vendor gives none), raised to the vendor's floor, plus the vendor's fee and the cinema's service
 * fee. The pricing rules work replaces the body, not the callers.
 */
export function salePrice(p: PriceInputs): SalePrice {
  const base = p.settleFen ?? p.listFen ?? 0;
  const settleFen = Math.max(base, p.lowestFen ?? 0);
  const serviceFeeFen = (p.vendorFeeFen ?? 0) + p.cinemaServiceFeeFen;
  return { saleFen: settleFen + serviceFeeFen, serviceFeeFen, settleFen };
}
