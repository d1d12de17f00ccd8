import type { VendorShowtime } from "../domain/catalog.js";
import { businessDayOf } from "../domain/time.js";
import type { ShowtimeQuery } from "./connector.js";

/**
 * The showtimes whose business day (06:00–05:59, China time) lies in the query's range. Vendors are
 * asked by calendar date and often for a day more, so that the late shows after midnight come back;
 * every connector then keeps exactly what was asked. An undefined entry (a record the mapping could
 * not read) is left out.
 */
export const inQueryRange = (
  showtimes: ReadonlyArray<VendorShowtime | undefined>,
  query: ShowtimeQuery,
): VendorShowtime[] =>
  showtimes.filter((s): s is VendorShowtime => {
    if (!s) return false;
    const day = businessDayOf(s.startsAt);
    return day >= query.fromDate && day <= query.toDate;
  });
