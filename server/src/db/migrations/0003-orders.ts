import { type Kysely, sql } from "kysely";

/**
 * Orders and everything that makes them trustworthy: seat holds (one live hold per seat, enforced
 * by the primary key), idempotency records, the append-only event log, the step journal (intent
 * written before each vendor call, outcome after) and webhook deliveries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("orders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("channel_id", "text", (c) => c.notNull().references("channels.id"))
    .addColumn("cinema_id", "text", (c) => c.notNull().references("cinemas.id"))
    .addColumn("showtime_id", "text", (c) => c.notNull().references("showtimes.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(
          sql`status in ('LOCKING', 'LOCKED', 'CANCELLED', 'EXPIRED', 'CONFIRMING', 'ISSUED', 'FAILED', 'REFUNDING', 'REFUNDED', 'LOCK_FAILED')`,
        ),
    )
    .addColumn("mobile", "text", (c) => c.notNull())
    .addColumn("seats", "jsonb", (c) => c.notNull())
    .addColumn("total_fen", "integer", (c) => c.notNull())
    .addColumn("settle_total_fen", "integer", (c) => c.notNull())
    .addColumn("locked_until", "timestamptz")
    .addColumn("vendor_lock_id", "text")
    .addColumn("lock_vendor_data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("vendor_order_id", "text")
    .addColumn("vendor_data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("paid_fen", "integer")
    .addColumn("payment", "jsonb")
    .addColumn("tickets", "jsonb")
    .addColumn("pickup", "jsonb")
    .addColumn("repaid", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("failure_reason", "text")
    .addColumn("refund_reason", "text")
    .addColumn("last_refund_error", "text")
    .addColumn("needs_attention", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("attention_reason", "text")
    // Recovery bookkeeping: when confirm (or refund) started and attempts used per policy phase.
    .addColumn("recovery", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("orders_channel_idx").on("orders").columns(["channel_id", "created_at"]).execute();
  await db.schema.createIndex("orders_status_idx").on("orders").columns(["status", "locked_until"]).execute();
  await db.schema
    .createIndex("orders_attention_idx")
    .on("orders")
    .column("needs_attention")
    .where(sql.ref("needs_attention"), "=", true)
    .execute();

  // One live hold per seat: the primary key is the guarantee, taken before any vendor call.
  // expires_at null = the order is confirming or issued and the seat stays held.
  await db.schema
    .createTable("seat_holds")
    .addColumn("showtime_id", "text", (c) => c.notNull().references("showtimes.id"))
    .addColumn("vendor_seat_id", "text", (c) => c.notNull())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("expires_at", "timestamptz")
    .addPrimaryKeyConstraint("seat_holds_pk", ["showtime_id", "vendor_seat_id"])
    .execute();
  await db.schema.createIndex("seat_holds_order_idx").on("seat_holds").column("order_id").execute();

  await db.schema
    .createTable("idempotency_keys")
    .addColumn("channel_id", "text", (c) => c.notNull().references("channels.id"))
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("status_code", "integer")
    .addColumn("response", "jsonb")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["channel_id", "scope", "key"])
    .execute();

  await db.schema
    .createTable("order_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("detail", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("order_events_order_idx").on("order_events").columns(["order_id", "id"]).execute();

  // The step journal: a row is written before each vendor call (intent) and completed after
  // (outcome). A row without an outcome after a crash means "sent, answer unknown".
  await db.schema
    .createTable("order_steps")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz")
    .addColumn("outcome", "text")
    .addColumn("vendor_code", "text")
    .addColumn("call_id", "text")
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("order_steps_order_idx").on("order_steps").columns(["order_id", "id"]).execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("channel_id", "text", (c) => c.notNull().references("channels.id"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_status_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("delivered_at", "timestamptz")
    .execute();
  await db.schema.createIndex("webhook_deliveries_order_idx").on("webhook_deliveries").column("order_id").execute();
}
