import type { Json, OrderWorld } from "../orders/harness.js";
import { adminPost } from "./admin-post.js";

/**
 * What a vendor's order test reads back from its world after driving an order (order-world.ts):
 * the calls kept with the order, the simulator's own bookings, the console's vendor query page.
 */
/** The vendor calls kept with an order (masked, as stored): their names in order, and all of them as one text. */
export async function keptVendorCalls(w: OrderWorld, orderId: string): Promise<{ calls: string[]; text: string }> {
  const kept = await w.t.db
    .selectFrom("order_vendor_calls")
    .select(["record"])
    .where("order_id", "=", orderId)
    .execute();
  return { calls: kept.map((k) => (k.record as { call: string }).call), text: JSON.stringify(kept) };
}

/** The world's simulator's own record of its bookings (`/_control/bookings`). */
export const simBookings = async (w: OrderWorld): Promise<Json> =>
  (await fetch(`${w.sims.urls[w.vendor]}/_control/bookings`)).json() as Promise<Json>;

/** One call of the console's vendor query page on the world's cinema; the answer's body. */
export const vendorQuery = async (w: OrderWorld, body: unknown): Promise<Json> =>
  (await adminPost(w.t, `/admin/cinemas/${w.cinemaId}/vendor-query`, body)).body;
