import type { VendorCinema } from "../../domain/catalog.js";
import { str, type Wire } from "../wire/read.js";

/**
 * Pure translation of the vendor's payloads into the domain's records: no I/O, so each function is
 * tested with the document's own examples. Fields are read with the shared wire readers
 * (`../wire/read.js`: text stays text, absent is undefined). TODO: cinemas, films, showtimes, seats, orders.
 */
export function toCinema(wire: Wire): VendorCinema | undefined {
  const id = str(wire, "cinemaId");
  const name = str(wire, "name");
  if (id === undefined || name === undefined) return undefined;
  return { vendorCinemaId: id, name };
}
