import { type Kysely, sql } from "kysely";

/**
 * Every vendor call made for an order (lock, confirm, queries, reversal, refund, release), masked as
 * recorded, kept with the order: support staff see them on the order page after restarts and on
 * any node, which the in-memory call ring cannot promise.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("order_vendor_calls")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("record", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("order_vendor_calls_order_idx")
    .on("order_vendor_calls")
    .columns(["order_id", "id"])
    .execute();
}
