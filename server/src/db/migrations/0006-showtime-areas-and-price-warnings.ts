import { type Kysely, sql } from "kysely";

/**
 * Issue 13.
 * - Area seats belong to a showtime, not a hall (ykse doc 002 §4.4/§11: getScheduleAreaSeats takes
 *   scheduleId + scheduleKey; VISTA reads area categories per session). `seat_areas` holds the
 *   showtime's own { areas, seatAreas } and `seat_areas_key` the vendor token it was read for, so it
 *   is fetched again only when that token changes.
 * - A showtime whose price is unreadable or outside the sane band is kept off sale with the reason in
 *   `price_warning` (a unit slip must never reach buyers silently); each sync run keeps its warnings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("showtimes")
    .addColumn("seat_areas", "jsonb")
    .addColumn("seat_areas_key", "text")
    .addColumn("price_warning", "text")
    .execute();
  await db.schema
    .alterTable("sync_runs")
    .addColumn("warnings", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema
    .createIndex("showtimes_price_warning_idx")
    .on("showtimes")
    .column("cinema_id")
    .where(sql.ref("price_warning"), "is not", null)
    .execute();
}
