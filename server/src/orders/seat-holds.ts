import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema.js";

/**
 * Seat holds in our own database, taken before the vendor is asked: the (showtime, seat) primary
 * key means two channels or buyers can never both hold a seat, even while the vendor is slow.
 * Expired holds are cleared lazily here (and by the sweeper), so a forgotten hold never blocks.
 */
export async function takeHolds(
  trx: Transaction<Database>,
  input: { showtimeId: string; vendorSeatIds: string[]; orderId: string; expiresAt: Date; now: Date },
): Promise<{ ok: true } | { ok: false; taken: string[] }> {
  await trx
    .deleteFrom("seat_holds")
    .where("showtime_id", "=", input.showtimeId)
    .where("vendor_seat_id", "in", input.vendorSeatIds)
    .where("expires_at", "<", input.now)
    .execute();
  const inserted = await trx
    .insertInto("seat_holds")
    .values(
      input.vendorSeatIds.map((s) => ({
        showtime_id: input.showtimeId,
        vendor_seat_id: s,
        order_id: input.orderId,
        expires_at: input.expiresAt,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning("vendor_seat_id")
    .execute();
  if (inserted.length === input.vendorSeatIds.length) return { ok: true };
  const got = new Set(inserted.map((r) => r.vendor_seat_id));
  return { ok: false, taken: input.vendorSeatIds.filter((s) => !got.has(s)) };
}

/** Keeps the seats held for as long as the order confirms or stays issued. */
export async function holdIndefinitely(trx: Transaction<Database>, orderId: string): Promise<void> {
  await trx.updateTable("seat_holds").set({ expires_at: null }).where("order_id", "=", orderId).execute();
}

export async function releaseHolds(trx: Transaction<Database>, orderId: string): Promise<void> {
  await trx.deleteFrom("seat_holds").where("order_id", "=", orderId).execute();
}

/** Seats of a showtime held by live orders. */
export async function heldSeats(db: Kysely<Database>, showtimeId: string, now: Date): Promise<Set<string>> {
  const rows = await db
    .selectFrom("seat_holds")
    .select("vendor_seat_id")
    .where("showtime_id", "=", showtimeId)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">=", now)]))
    .execute();
  return new Set(rows.map((r) => r.vendor_seat_id));
}
