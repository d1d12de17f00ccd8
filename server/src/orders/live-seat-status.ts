import type { SeatStatusService } from "../catalog/seat-status.js";
import { toVendorShowtime } from "../catalog/stored-showtime.js";
import type { SeatStatusMap } from "../domain/catalog.js";
import type { TradeContext } from "./trade-context.js";

/**
 * The order side's view of live seat status: the catalogue's shared, coalesced read (the same
 * few-seconds cache the seat map uses), so checking a seat rule adds no vendor call under load.
 * Undefined when the vendor has no answer; the caller then judges by our own holds alone.
 */
export function liveSeatStatusFrom(seats: SeatStatusService) {
  return async (ctx: TradeContext): Promise<SeatStatusMap | undefined> => {
    const answer = await seats.get({
      showtimeId: ctx.showtime.id,
      vendorAccountId: ctx.vendorAccountId,
      cinema: ctx.cinema,
      showtime: toVendorShowtime(ctx.showtime, ctx.showtimeRef.vendorHallId),
    });
    return answer.ok ? answer.status : undefined;
  };
}
