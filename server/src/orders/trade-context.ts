import type { Selectable } from "kysely";
import { showtimeAreas } from "../catalog/showtime-areas.js";
import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import type { OrderSeat, ShowtimesTable } from "../db/schema.js";
import type { SeatLayout } from "../domain/catalog.js";
import type { VendorError } from "../domain/errors.js";
import { layoutForShowtime, NO_AREAS } from "../domain/showtime-areas.js";
import type { CinemaRef, OrderRef, ShowtimeRef } from "../domain/trade.js";
import type { CinemaConnector } from "../vendors/connector.js";
import type { ConnectorRegistry } from "../vendors/registry.js";
import type { OrderRow } from "./order-store.js";

export interface TradeContext {
  showtime: Selectable<ShowtimesTable>;
  cinemaId: string;
  vendorAccountId: string;
  refundBeforeMinutes: number | null;
  /** The cinema enforces the "no single empty seat left between" rule. */
  forbidSingleGap: boolean;
  cinema: CinemaRef;
  showtimeRef: ShowtimeRef;
  /** The hall's layout with this showtime's own areas (null until the hall's layout is synced). */
  layout: SeatLayout | null;
  /** Set when the showtime prices areas but the vendor could not say which seats are in them now. */
  areasError?: VendorError;
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
  const connector = await registry.forCinema({ id: showtime.cinema_id, vendorAccountId: vendor_account_id });
  const cinema = { vendorCinemaId: vendor_cinema_id, nationalCode: national_code ?? undefined, shanghai };
  const hallLayout = readJson<SeatLayout | null>(layout);
  // Only the first trade of an area-priced showtime asks the vendor; later ones read the stored areas.
  const areas = hallLayout ? await showtimeAreas(db, connector, cinema, vendor_hall_id, showtime) : undefined;
  return {
    showtime,
    cinemaId: showtime.cinema_id,
    vendorAccountId: vendor_account_id,
    refundBeforeMinutes: refund_before_minutes,
    forbidSingleGap: forbid_single_gap,
    cinema,
    showtimeRef: {
      vendorShowtimeId: showtime.vendor_showtime_id,
      vendorHallId: vendor_hall_id,
      startsAt: showtime.starts_at.getTime(),
      stopSellingAt: showtime.stop_selling_at.getTime(),
      versionKey: showtime.version_key ?? undefined,
      vendorData,
    },
    layout: hallLayout && layoutForShowtime(hallLayout, areas?.ok ? areas.value : NO_AREAS),
    ...(areas && !areas.ok ? { areasError: areas.error } : {}),
    connector,
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
      ...(s.discount ? { discount: s.discount } : {}),
    })),
    mobile,
    orderId,
  };
}

/** How a connector names an order: ours and the vendor's ids, and what the vendor gave us to keep. */
export function orderRefOf(order: OrderRow, ctx: TradeContext): OrderRef {
  return {
    cinema: ctx.cinema,
    showtime: ctx.showtimeRef,
    orderId: order.id,
    vendorLockId: order.vendor_lock_id ?? "",
    vendorOrderId: order.vendor_order_id ?? undefined,
    lockVendorData: readJson<Record<string, unknown>>(order.lock_vendor_data),
    vendorData: readJson<Record<string, unknown>>(order.vendor_data),
    totalFen: order.settle_total_fen,
  };
}
