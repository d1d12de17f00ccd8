import type { Fen } from "../domain/money.js";

/** What a pricing rule can see of one showtime: its scope attributes and the vendor's prices. */
export interface ShowtimeFacts {
  showtimeId: string;
  cinemaId: string;
  cityCode: string | null;
  vendor: string;
  filmId: string;
  version: string;
  hallType: string;
  /** Epoch ms. */
  startsAt: number;
  listFen: Fen;
  /** The ticket price the vendor must be declared (already raised to its lowest price by the sync). */
  settleFen: Fen;
  lowestFen: Fen;
  vendorFeeFen: Fen;
  cinemaServiceFeeFen: Fen;
  shanghai: boolean;
  /** Priced areas with their own declared price. */
  areas: Array<{ areaId: string; areaName?: string; settleFen: Fen }>;
}
