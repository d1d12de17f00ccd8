/** Shapes of the operations admin API (server/src/ops/*), as the pages read them. */
export type SyncStatus = "ok" | "failing" | "stale" | "pending";

export interface SyncHealth {
  status: SyncStatus;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  errors: string[];
}

export interface CinemaItem {
  id: string;
  name: string;
  vendor: string;
  vendorAccountId: string;
  vendorCinemaId: string;
  nationalCode: string | null;
  cityCode: string | null;
  active: boolean;
  hallCount: number;
  channels: string[];
  sync: SyncHealth;
}

export interface LayoutSeat {
  vendorSeatId: string;
  rowLabel: string;
  colLabel: string;
  x: number;
  y: number;
  kind: "normal" | "loveLeft" | "loveRight" | "wheelchair" | "vip" | "motion";
  pairSeatId?: string;
  areaId?: string;
  broken?: boolean;
}

export interface SeatLayout {
  vendorHallId: string;
  rows: number;
  cols: number;
  seats: LayoutSeat[];
  areas: Array<{ id: string; name: string }>;
}

export interface ShowtimeRow {
  id: string;
  vendorShowtimeId: string;
  filmTitle: string;
  hallName: string;
  startsAt: string;
  onSale: boolean;
  language: string;
  version: string;
  settleFen: number;
  saleFen: number;
  areaPrices: Array<{ areaId: string; areaName?: string; settleFen: number; saleFen: number }>;
  /** Why the sync keeps this showtime off sale (price unreadable or outside the sane band). */
  priceWarning: string | null;
}

export interface SyncRun {
  id: string;
  entities: string[];
  status: "running" | "succeeded" | "failed";
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: Record<string, number>;
  errors: Array<{ entity: string; code: string; message: string; vendorCode?: string }>;
  warnings: Array<{ entity: string; code: string; vendorShowtimeId: string; message: string }>;
}

export interface CinemaDetail {
  cinema: {
    id: string;
    name: string;
    vendor: string;
    vendorAccount: { id: string; name: string } | null;
    vendorCinemaId: string;
    nationalCode: string | null;
    cityCode: string | null;
    address: string;
    phone: string;
    active: boolean;
    channels: string[];
  };
  sync: SyncHealth;
  halls: Array<{
    id: string;
    vendorHallId: string;
    name: string;
    type: string;
    seatCount: number;
    layout: SeatLayout | null;
  }>;
  showtimeDays: Array<{ businessDay: string; showtimes: ShowtimeRow[] }>;
  syncRuns: SyncRun[];
}

export interface Text {
  zh: string;
  en: string;
}

export const fen = (n: number | null | undefined) => (n == null ? "—" : `¥${(n / 100).toFixed(2)}`);
