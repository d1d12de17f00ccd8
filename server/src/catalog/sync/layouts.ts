import type { VendorShowtime } from "../../domain/catalog.js";
import { contentHash } from "../content-hash.js";
import { toVendorShowtime } from "../stored-showtime.js";
import { cinemaRef, type EntityResult, type SyncContext, zeroCounts } from "./context.js";

/**
 * Seat layouts of every hall. Some vendors only describe a hall through one of its sessions
 * (VISTA's seat plan), so the nearest upcoming showtime of the hall is passed along when known.
 */
export async function syncLayouts(ctx: SyncContext): Promise<EntityResult> {
  const counts = zeroCounts();
  const halls = await ctx.db
    .selectFrom("halls")
    .select(["id", "vendor_hall_id", "layout_hash"])
    .where("cinema_id", "=", ctx.cinema.id)
    .execute();
  let firstError: EntityResult | undefined;
  for (const hall of halls) {
    counts.seen++;
    const showtime = await upcomingShowtime(ctx, hall.id, hall.vendor_hall_id);
    const res = await ctx.connector.getSeatLayout(cinemaRef(ctx.cinema), hall.vendor_hall_id, showtime);
    if (!res.ok) {
      firstError ??= { ok: false, counts, error: res.error };
      continue;
    }
    const hash = contentHash(res.value);
    if (hash === hall.layout_hash) continue;
    const seatCount = res.value.seats.filter((s) => !s.broken).length;
    await ctx.db
      .updateTable("halls")
      .set({
        layout: JSON.stringify(res.value),
        layout_hash: hash,
        seat_count: seatCount,
        updated_at: new Date(ctx.clock.now()),
      })
      .where("id", "=", hall.id)
      .execute();
    counts.updated++;
  }
  return firstError ? { ...firstError, counts } : { ok: true, counts };
}

async function upcomingShowtime(
  ctx: SyncContext,
  hallId: string,
  vendorHallId: string,
): Promise<VendorShowtime | undefined> {
  const row = await ctx.db
    .selectFrom("showtimes")
    .selectAll()
    .where("hall_id", "=", hallId)
    .where("valid", "=", true)
    // Still on sale: Moviefan describes a hall only through one of its shows, and refuses a show
    // past its stop-selling time (201 渠道场次失效) even before it starts (found by B3).
    .where("on_sale", "=", true)
    .where("stop_selling_at", ">", new Date(ctx.clock.now()))
    .orderBy("starts_at")
    .limit(1)
    .executeTakeFirst();
  return row ? toVendorShowtime(row, vendorHallId) : undefined;
}
