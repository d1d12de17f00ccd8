/**
 * The demo data set shared by every vendor simulator. It is vendor-neutral: each simulator renders
 * these records in its own wire format (yuan strings, cents, fen, /Date()/ …). Money is integer fen,
 * times are epoch milliseconds (China time is applied when rendering).
 */
/** Derived from the simulators' one list (simulators/src/all.ts). */
export type { VendorId } from "../all.js";

export interface City {
  /** 国家统计局 6-digit code, e.g. "440100". */
  code: string;
  name: string;
}

export type SeatType = "normal" | "loveLeft" | "loveRight" | "wheelchair" | "vip" | "motion";

export interface Seat {
  /** Stable id inside the hall, e.g. "r7c10". */
  id: string;
  /** Row / column labels as printed on the ticket. */
  rowLabel: string;
  colLabel: string;
  /** Grid position, 1-based; y = 1 is nearest the screen. */
  x: number;
  y: number;
  type: SeatType;
  /** Love seats: the id of the other seat of the pair. */
  pairSeatId?: string;
  /** Priced area (e.g. the VIP area) this seat belongs to. */
  areaId?: string;
  /** Damaged / blocked seat that can never be sold. */
  broken?: boolean;
}

export interface Area {
  id: string;
  name: string;
}

export interface Hall {
  id: string;
  name: string;
  /** "普通厅", "IMAX厅", "VIP厅" … */
  type: string;
  rows: number;
  cols: number;
  seats: Seat[];
  areas: Area[];
}

export interface Cinema {
  /** Dataset id, e.g. "c001". */
  id: string;
  /** The owning simulator's id (simulators/src/all.ts; a scaffold under test adds its own). */
  vendor: string;
  /** The vendor's own code for the cinema. Equal to nationalCode for some cinemas (doc 000 §三). */
  internalCode: string;
  /** 8-digit 广电 national code. */
  nationalCode: string;
  name: string;
  address: string;
  cityCode: string;
  phone: string;
  lat: number;
  lng: number;
  halls: Hall[];
  /** Minutes before the show after which refunds are refused. */
  refundBeforeMinutes: number;
  /** Whether the cinema is in Shanghai (fee cap rules). */
  shanghai: boolean;
}

export interface Film {
  id: string;
  /** 广电 national film code, e.g. "001101852026". */
  nationalCode: string;
  title: string;
  language: string;
  durationMinutes: number;
  versions: string[];
  director: string;
  cast: string;
  releaseDate: string; // YYYY-MM-DD
}

export interface AreaPrice {
  areaId: string;
  /** Settle price the vendor requires for seats in this area. */
  settleFen: number;
}

export interface Showtime {
  id: string;
  cinemaId: string;
  hallId: string;
  filmId: string;
  startsAt: number; // epoch ms
  endsAt: number;
  /** Minutes before start when selling stops. */
  stopSellingMinutes: number;
  language: string;
  version: string; // "2D" | "3D" | "IMAX" …
  /** 挂牌价 / standard price. */
  listFen: number;
  /** Settle price declared to the vendor. */
  settleFen: number;
  /** Price floor. */
  lowestFen: number;
  /** Ticket service fee per seat. */
  feeFen: number;
  areaPrices: AreaPrice[];
  onSale: boolean;
}

export interface MemberCardGrade {
  id: string;
  cinemaId: string;
  name: string;
  /** Discount price rate, e.g. 0.8. */
  discount: number;
  minRechargeFen: number;
}

export interface MemberCard {
  cardNo: string;
  cinemaId: string;
  gradeId: string;
  /** Plain password; simulators only ever receive it encrypted as the vendor documents. */
  password: string;
  balanceFen: number;
  mobile: string;
}

export interface Concession {
  id: string;
  cinemaId: string;
  name: string;
  priceFen: number;
  settleFen: number;
}

export interface Dataset {
  seed: number;
  /** Epoch ms the data set was built around (the first business day starts here). */
  baseTime: number;
  cities: City[];
  cinemas: Cinema[];
  films: Film[];
  showtimes: Showtime[];
  cardGrades: MemberCardGrade[];
  cards: MemberCard[];
  concessions: Concession[];
}
