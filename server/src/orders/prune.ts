import type { Db } from "../db/database.js";

/**
 * How long a failed lock attempt is kept. A `LOCK_FAILED` order never held a vendor lock nor took
 * money: it is a create that the vendor refused or that died before the vendor answered (a channel
 * retrying through an outage leaves one per try; the chaos run, hundreds). It stays this long for
 * support to see why a create failed (its vendor calls), then goes.
 */
export const LOCK_FAILED_RETENTION_MS = 30 * 24 * 3600_000;

/** Deletes up to `limit` failed lock attempts older than the retention, with their history. */
export async function pruneFailedLocks(db: Db, now: number, limit = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = (
      await trx
        .selectFrom("orders")
        .select("id")
        .where("status", "=", "LOCK_FAILED")
        .where("updated_at", "<", new Date(now - LOCK_FAILED_RETENTION_MS))
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return 0;
    for (const table of [
      "order_events",
      "order_steps",
      "order_vendor_calls",
      "webhook_deliveries",
      "seat_holds",
    ] as const)
      await trx.deleteFrom(table).where("order_id", "in", ids).execute();
    await trx.deleteFrom("orders").where("id", "in", ids).execute();
    return ids.length;
  });
}
