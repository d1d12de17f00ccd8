import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import type { OrderSeat, ShowtimesTable } from "../db/schema.js";
import type { SeatLayout } from "../domain/catalog.js";
import type { CinemaRef, ShowtimeRef } from "../domain/trade.js";
import type { CinemaConnector } from "../vendors/connector.js";
import type { ConnectorRegistry } from "../vendors/registry.js";

export interface TradeContext {
  showtime: Selectable<ShowtimesTable>;
  cinemaId: string;
  vendorAccountId: string;
  refundBeforeMinutes: number | null;
  /** The cinema enforces the "no single empty seat left between" rule. */
  forbidSingleGap: boolean;
  cinema: CinemaRef;
  showtimeRef: ShowtimeRef;
  layout: SeatLayout | null;
  connector: CinemaConnector;
}

/** Everything trading on one showtime needs, read from our store (never from the vendor). */
export async function loadTradeContext(
  db: Db,
  registry: ConnectorRegistry,
  showtimeId: string,
): Promise<TradeContext | undefined> {
  const row = await db
    .selectFrom("showtimes")
    .innerJoin("cinemas", "cinemas.id", "showtimes.cinema_id")
    .innerJoin("halls", "halls.id", "showtimes.hall_id")
    .selectAll("showtimes")
    .select([
      "cinemas.vendor_account_id",
      "cinemas.vendor_cinema_id",
      "cinemas.national_code",
      "cinemas.shanghai",
      "cinemas.refund_before_minutes",
      "cinemas.forbid_single_gap",
      "halls.vendor_hall_id",
      "halls.layout",
    ])
    .where("showtimes.id", "=", showtimeId)
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    vendor_account_id,
    vendor_cinema_id,
    national_code,
    shanghai,
    refund_before_minutes,
    forbid_single_gap,
    vendor_hall_id,
    layout,
    ...showtime
  } = row;
  const vendorData = readJson<Record<string, unknown>>(showtime.vendor_data);
  return {
    showtime,
    cinemaId: showtime.cinema_id,
    vendorAccountId: vendor_account_id,
    refundBeforeMinutes: refund_before_minutes,
    forbidSingleGap: forbid_single_gap,
    cinema: { vendorCinemaId: vendor_cinema_id, nationalCode: national_code ?? undefined, shanghai },
    showtimeRef: {
      vendorShowtimeId: showtime.vendor_showtime_id,
      vendorHallId: vendor_hall_id,
      startsAt: showtime.starts_at.getTime(),
      stopSellingAt: showtime.stop_selling_at.getTime(),
      versionKey: showtime.version_key ?? undefined,
      vendorData,
    },
    layout: readJson<SeatLayout | null>(layout),
    connector: await registry.forAccount(vendor_account_id),
  };
}

/** The vendor lock request for an order's seats (creating the order, and re-locking in recovery). */
export function lockRequestOf(ctx: TradeContext, seats: OrderSeat[], mobile: string, orderId: string) {
  return {
    cinema: ctx.cinema,
    showtime: ctx.showtimeRef,
    seats: seats.map((s) => ({
      vendorSeatId: s.vendorSeatId,
      rowLabel: s.row,
      colLabel: s.col,
      areaId: s.areaId,
      settleFen: s.settleFen,
      serviceFeeFen: s.vendorFeeFen,
    })),
    mobile,
    orderId,
  };
}
