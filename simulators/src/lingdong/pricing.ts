import type { Cinema, Dataset } from "../core/dataset-types.js";

/** A card kind (卡类): a voucher accepted by every cinema that offers the kind's version. */
export interface CardKind {
  kindId: string;
  name: string;
  /** What the partner pays per ticket, fen. */
  priceFen: number;
  /** Face value shown to buyers, fen. */
  marketFen: number;
  /** Days a card stays valid after activation. */
  validDays: number;
  accepts(cinema: Cinema, versions: Set<string>): boolean;
}

export const cardKinds: readonly CardKind[] = [
  { kindId: "101", name: "2D电影通兑券", priceFen: 3500, marketFen: 6000, validDays: 365, accepts: () => true },
  {
    kindId: "102",
    name: "3D电影通兑券",
    priceFen: 4500,
    marketFen: 8000,
    validDays: 365,
    accepts: (_c, versions) => versions.has("3D"),
  },
  {
    kindId: "103",
    name: "IMAX电影通兑券",
    priceFen: 7000,
    marketFen: 12000,
    validDays: 180,
    accepts: (cinema) => cinema.halls.some((h) => /IMAX/i.test(h.type)),
  },
];

/** Single-cinema 2D cards (buyByCinema) stay valid this long after activation. */
export const CINEMA_CARD_VALID_DAYS = 365;

export interface CinemaPricing {
  /** Per-ticket price of a buyByCinema card, fen (whole yuan). */
  priceFen: number;
  marketFen: number;
  versions: Set<string>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * Per-cinema voucher prices, derived from the data set: the median 2D settle price rounded up to a
 * whole yuan (35 yuan when the cinema has no 2D showtimes), and the median 2D list price as face value.
 */
export function buildPricing(dataset: Dataset): Map<string, CinemaPricing> {
  const settle = new Map<string, number[]>();
  const list = new Map<string, number[]>();
  const versions = new Map<string, Set<string>>();
  for (const s of dataset.showtimes) {
    let v = versions.get(s.cinemaId);
    if (!v) {
      v = new Set();
      versions.set(s.cinemaId, v);
    }
    v.add(s.version);
    if (s.version !== "2D") continue;
    const st = settle.get(s.cinemaId);
    if (st) st.push(s.settleFen);
    else settle.set(s.cinemaId, [s.settleFen]);
    const li = list.get(s.cinemaId);
    if (li) li.push(s.listFen);
    else list.set(s.cinemaId, [s.listFen]);
  }
  const out = new Map<string, CinemaPricing>();
  for (const cinema of dataset.cinemas) {
    const st = settle.get(cinema.id);
    const li = list.get(cinema.id);
    out.set(cinema.id, {
      priceFen: st ? Math.ceil(median(st) / 100) * 100 : 3500,
      marketFen: li ? Math.ceil(median(li) / 100) * 100 : 6000,
      versions: versions.get(cinema.id) ?? new Set(),
    });
  }
  return out;
}

/** Money on the wire: yuan with two decimals, e.g. "35.00". */
export const yuan = (fen: number) => (fen / 100).toFixed(2);
