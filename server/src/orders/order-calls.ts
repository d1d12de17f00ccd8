import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import type { VendorCallRecord } from "../vendors/call-recorder.js";
import { withVendorCalls } from "../vendors/call-scope.js";

/**
 * Runs vendor work for an order and keeps every call it made with the order (order_vendor_calls).
 * The records are already masked (secrets, card passwords, mobiles) by the transport. Keeping them
 * must never fail the trade step itself: a failed write is reported, the step's result stands.
 */
export async function withOrderCalls<T>(
  db: Db,
  orderId: string,
  run: () => Promise<T>,
  onWriteError: (err: unknown) => void = () => {},
): Promise<T> {
  const { value, calls } = await withVendorCalls(run);
  if (calls.length > 0) {
    await db
      .insertInto("order_vendor_calls")
      .values(calls.map((c) => ({ order_id: orderId, call_id: c.id, record: JSON.stringify(c) })))
      .execute()
      .catch(onWriteError);
  }
  return value;
}

export async function orderCalls(db: Db, orderId: string): Promise<VendorCallRecord[]> {
  const rows = await db
    .selectFrom("order_vendor_calls")
    .select("record")
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();
  return rows.map((r) => readJson<VendorCallRecord>(r.record));
}
