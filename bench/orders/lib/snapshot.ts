import type { Db } from "../../../server/src/db/database.js";
import { readJson } from "../../../server/src/db/json-column.js";
import type { OrderFact, VendorBooking } from "../invariants.js";
import { SEAT_VENDORS } from "./trade.js";

/** Every order in our database, reduced to what the invariant checker compares. */
export async function readOrders(db: Db): Promise<OrderFact[]> {
  const rows = await db
    .selectFrom("orders")
    .innerJoin("cinemas", "cinemas.id", "orders.cinema_id")
    .select([
      "orders.id",
      "cinemas.vendor",
      "orders.status",
      "orders.needs_attention",
      "orders.paid_fen",
      "orders.vendor_lock_id",
      "orders.showtime_id",
      "orders.seats",
      "orders.tickets",
      "orders.pickup",
      "orders.locked_until",
    ])
    .execute();
  return rows.map((r) => {
    const tickets = r.tickets ? readJson<Array<{ ticketNo?: string }>>(r.tickets) : [];
    const pickup = r.pickup ? readJson<Record<string, string>>(r.pickup) : {};
    return {
      id: r.id,
      vendor: r.vendor,
      status: r.status,
      needsAttention: r.needs_attention,
      paid: r.paid_fen !== null,
      vendorLockId: r.vendor_lock_id,
      showtimeId: r.showtime_id,
      vendorSeatIds: readJson<Array<{ vendorSeatId: string }>>(r.seats).map((s) => s.vendorSeatId),
      // A ticket the buyer can use: a ticket number on a seat or a pickup / verify code.
      hasTickets: tickets.some((t) => t.ticketNo) || Object.keys(pickup).length > 0,
      lockedUntil: r.locked_until?.getTime() ?? null,
    };
  });
}

/** Every lock and booking each seat vendor's simulator knows (GET /_control/bookings). */
export async function readBookings(urls: Record<string, string>): Promise<VendorBooking[]> {
  const out: VendorBooking[] = [];
  for (const vendor of SEAT_VENDORS) {
    const res = await fetch(new URL("/_control/bookings", urls[vendor]));
    if (!res.ok) throw new Error(`${vendor} /_control/bookings answered ${res.status}`);
    const { bookings } = (await res.json()) as { bookings: Omit<VendorBooking, "vendor">[] };
    for (const b of bookings) out.push({ ...b, vendor });
  }
  return out;
}
