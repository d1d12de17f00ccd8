import type { VendorShowtime } from "../../domain/catalog.js";
import { type Fen, fenToYuan, yuanToFen } from "../../domain/money.js";
import { toChinaIso } from "../../domain/time.js";

/**
 * Price sanity at sync (issue 13 §4). A unit slip — yuan read as fen, cents as yuan — must never
 * reach buyers silently: a showtime whose price is unreadable, whose sale price lies outside a sane
 * band, or whose settle price exceeds its list price is kept off sale, and the sync says which
 * showtime and what the vendor sent, so support can compare it with the vendor's own screen.
 */
export interface PriceBand {
  minFen: Fen;
  maxFen: Fen;
}

/** ¥5–¥500: no cinema ticket in China costs less or more (the widest premium-hall prices stay below). */
export const DEFAULT_PRICE_BAND: PriceBand = { minFen: 500, maxFen: 50_000 };

/** "5-500" (CINEGATE_PRICE_BAND_YUAN, yuan) → a band in fen; the lower bound must be below the upper. */
export function parsePriceBand(text: string): PriceBand {
  const [min = "", max = ""] = text.split("-");
  const band = { minFen: yuanToFen(min), maxFen: yuanToFen(max) };
  if (band.minFen >= band.maxFen) throw new RangeError(`price band ${text}: the minimum must be below the maximum`);
  return band;
}

export type PriceWarningCode = "price_unreadable" | "price_out_of_band" | "settle_above_list";

export interface SyncWarning {
  entity: string;
  code: PriceWarningCode;
  vendorShowtimeId: string;
  message: string;
}

export interface PricedShowtime {
  /** The showtime's sale price per seat and each priced area's. */
  saleFen: Fen;
  areaSaleFen: Fen[];
}

const yuan = (fen: Fen) => `¥${fenToYuan(fen)}`;

/** What the vendor sent, as the connector read it (its own raw text when it gives one). */
function rawOf(v: VendorShowtime): string {
  if (v.rawPrice) return v.rawPrice;
  const p = v.price;
  return [
    p.settleFen !== undefined ? `settle ${yuan(p.settleFen)}` : "no settle price",
    p.listFen !== undefined ? `list ${yuan(p.listFen)}` : "no list price",
  ].join(", ");
}

/** The warning that keeps `v` off sale, or undefined when its price is sane. */
export function priceWarningOf(v: VendorShowtime, priced: PricedShowtime, band: PriceBand): SyncWarning | undefined {
  const where = `showtime ${v.vendorShowtimeId} at ${toChinaIso(v.startsAt).slice(0, 16).replace("T", " ")}`;
  const warn = (code: PriceWarningCode, what: string): SyncWarning => ({
    entity: "showtimes",
    code,
    vendorShowtimeId: v.vendorShowtimeId,
    message: `${where}: ${what} (vendor sent: ${rawOf(v)}); kept off sale`,
  });
  if (v.priceIssue) return warn("price_unreadable", v.priceIssue);
  if (v.price.settleFen === undefined && v.price.listFen === undefined) return warn("price_unreadable", "no price");
  const { settleFen, listFen } = v.price;
  if (settleFen !== undefined && listFen !== undefined && settleFen > listFen) {
    return warn("settle_above_list", `settle price ${yuan(settleFen)} exceeds list price ${yuan(listFen)}`);
  }
  const outside = [priced.saleFen, ...priced.areaSaleFen].find((f) => f < band.minFen || f > band.maxFen);
  if (outside !== undefined) {
    return warn(
      "price_out_of_band",
      `sale price ${yuan(outside)} is outside ${yuan(band.minFen)}–${yuan(band.maxFen)}`,
    );
  }
  return undefined;
}
