import type { Fen } from "./money.js";

/**
 * Catalogue records as connectors deliver them: vendor identifiers, domain units (fen, epoch ms).
 * The sync engine turns them into our own rows with our own ids.
 */
export interface VendorCinema {
  vendorCinemaId: string;
  name: string;
  /** 8-digit 广电 national code when the vendor reports it. */
  nationalCode?: string;
  cityCode?: string;
  cityName?: string;
  address?: string;
  phone?: string;
  location?: { lat: number; lng: number };
  halls?: VendorHall[];
  /** Refunds refused within this many minutes of the show; undefined = vendor does not say. */
  refundBeforeMinutes?: number;
  refundLimitCount?: number;
}

export interface VendorHall {
  vendorHallId: string;
  name: string;
  type?: string;
  seatCount?: number;
}

export interface VendorFilm {
  vendorFilmId: string;
  /** 广电 national film code: films are merged across vendors by it. */
  nationalCode?: string;
  title: string;
  language?: string;
  durationMinutes?: number;
  versions?: string[];
  poster?: string;
  director?: string;
  cast?: string;
  releaseDate?: string;
}

export interface AreaPrice {
  areaId: string;
  areaName?: string;
  /** What the vendor requires us to declare for a seat in this area. */
  settleFen: Fen;
}

export interface VendorShowtime {
  vendorShowtimeId: string;
  vendorHallId: string;
  hallName?: string;
  vendorFilmId: string;
  filmNationalCode?: string;
  filmTitle?: string;
  startsAt: number;
  endsAt?: number;
  stopSellingAt: number;
  onSale: boolean;
  language?: string;
  version?: string;
  price: {
    /** 挂牌价 / standard price. */
    listFen?: Fen;
    /** What we declare to the vendor for a seat outside any priced area. */
    settleFen?: Fen;
    /** The vendor's floor for any declared price. */
    lowestFen?: Fen;
    /** The vendor's ticket service fee per seat. */
    serviceFeeFen?: Fen;
  };
  areaPrices?: AreaPrice[];
  /** The vendor's price fields as received (e.g. `price="51" retailPrice="60"`), quoted in sync warnings. */
  rawPrice?: string;
  /** Set when a vendor price field could not be read as money: the showtime is kept off sale. */
  priceIssue?: string;
  /** Vendor token that changes when the showtime changes (ykse scheduleKey); needed to trade. */
  versionKey?: string;
  /** Vendor-specific fields the connector needs back when trading (ticket type codes, …). */
  vendorData?: Record<string, unknown>;
}

export type SeatKind = "normal" | "loveLeft" | "loveRight" | "wheelchair" | "vip" | "motion";

export interface LayoutSeat {
  vendorSeatId: string;
  /** Labels as printed on the ticket. */
  rowLabel: string;
  colLabel: string;
  /** Grid position, 1-based; y = 1 is nearest the screen. */
  x: number;
  y: number;
  kind: SeatKind;
  /** Love seats: the other seat of the pair (sold together). */
  pairSeatId?: string;
  areaId?: string;
  /** Damaged or blocked: never sellable. */
  broken?: boolean;
}

export interface SeatLayout {
  vendorHallId: string;
  rows: number;
  cols: number;
  seats: LayoutSeat[];
  areas: Array<{ id: string; name: string }>;
}

export type SeatStatus = "available" | "sold" | "locked" | "unavailable";

/** Live status of the seats of one showtime: vendorSeatId → status (seats not listed are available). */
export type SeatStatusMap = Record<string, SeatStatus>;
