import type { VendorCinema } from "../../domain/catalog.js";

/**
 * Pure translation of the vendor's payloads into the domain's records: no I/O, so each function is
 * tested with the document's own examples. TODO: cinemas, films, showtimes, seats, orders.
 */
export function toCinema(wire: Record<string, unknown>): VendorCinema | undefined {
  const id = wire.cinemaId;
  const name = wire.name;
  if (typeof id !== "string" || typeof name !== "string") return undefined;
  return { vendorCinemaId: id, name };
}
