import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import type { ShowtimesTable } from "../db/schema.js";
import type { AreaPrice } from "../domain/catalog.js";
import { fail, ok, type Result } from "../domain/errors.js";
import { areasKeyOf, NO_AREAS, type ShowtimeAreas } from "../domain/showtime-areas.js";
import type { CinemaRef } from "../domain/trade.js";
import type { CinemaConnector } from "../vendors/connector.js";
import { type StoredShowtime, toVendorShowtime } from "./stored-showtime.js";

type AreaShowtime = StoredShowtime & Pick<Selectable<ShowtimesTable>, "id" | "seat_areas" | "seat_areas_key">;

/**
 * Reads of showtimes' areas on this node, in flight or answered, by showtime and key: a burst of first
 * seat-map views asks the vendor once, and views served from a few-seconds-old stored row (which does
 * not yet carry the stored answer) do not ask again. Failures are forgotten at once. Bounded; only an
 * optimisation — the stored column is the record.
 */
const recent = new Map<string, Promise<Result<ShowtimeAreas>>>();
const RECENT_MAX = 2_000;

/**
 * A showtime's own priced areas (domain/showtime-areas.ts). A showtime without area prices has none,
 * with no vendor call. Otherwise the stored answer serves while it was read for the showtime's current
 * key (ykse scheduleKey, or the set of priced areas); when it was not, the vendor is asked once and the
 * answer is stored with the showtime — so the seat map, the sale price, the lock and the confirm all
 * use the areas of this showtime, never those its hall's layout was read through.
 */
export async function showtimeAreas(
  db: Db,
  connector: CinemaConnector,
  cinema: CinemaRef,
  vendorHallId: string,
  row: AreaShowtime,
): Promise<Result<ShowtimeAreas>> {
  const key = areasKeyOf({ versionKey: row.version_key, areaPrices: readJson<AreaPrice[]>(row.area_prices) });
  if (key === undefined) return ok(NO_AREAS);
  if (row.seat_areas && row.seat_areas_key === key) return ok(readJson<ShowtimeAreas>(row.seat_areas));
  if (!connector.getShowtimeAreas) {
    return fail("unsupported", `${connector.vendor} prices areas but cannot say which seats are in them`);
  }
  const flightKey = `${row.id}|${key}`;
  let pending = recent.get(flightKey);
  if (!pending) {
    pending = (async () => {
      const res = await connector.getShowtimeAreas!(cinema, toVendorShowtime(row, vendorHallId));
      if (res.ok) {
        await db
          .updateTable("showtimes")
          .set({ seat_areas: JSON.stringify(res.value), seat_areas_key: key })
          .where("id", "=", row.id)
          .execute();
      } else recent.delete(flightKey);
      return res;
    })();
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(flightKey, pending);
  }
  return pending;
}
