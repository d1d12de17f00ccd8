import { type Kysely, sql } from "kysely";

/**
 * The money the platform takes for the buyer site (issue 15 §3): each provider trade (`payments`),
 * each refund of one (`payment_refunds`), and every notify received, verified or not
 * (`payment_notifies`, for audit and to prove a replay changed nothing). States and their legal
 * moves are in domain/payment-states.ts; the CHECKs list the same words. `orders.takes_payment`
 * marks an order whose money the platform takes: only those run the payment step of the saga.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table orders add column takes_payment boolean not null default false`.execute(db);

  await db.schema
    .createTable("payments")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("order_id", "text", (c) => c.notNull().references("orders.id"))
    .addColumn("cinema_id", "text", (c) => c.notNull().references("cinemas.id"))
    .addColumn("provider", "text", (c) => c.notNull().check(sql`provider in ('wechat_v3', 'wechat_v2', 'alipay')`))
    .addColumn("out_trade_no", "text", (c) => c.notNull().unique())
    .addColumn("amount_fen", "integer", (c) => c.notNull().check(sql`amount_fen >= 1`))
    .addColumn("state", "text", (c) =>
      c.notNull().check(sql`state in ('CREATED', 'PAID', 'CLOSED', 'REFUNDING', 'REFUNDED')`),
    )
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    // The exact create request, so a retry re-enters with identical parameters (payments.md §1.2).
    .addColumn("request", "jsonb", (c) => c.notNull())
    .addColumn("pay_params", "jsonb")
    .addColumn("transaction_id", "text")
    .addColumn("paid_fen", "integer")
    .addColumn("paid_at", "timestamptz")
    // Who paid, masked (never a full openid: it identifies a person under the cinema's AppID).
    .addColumn("payer_masked", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("payments_order_idx").on("payments").columns(["order_id", "id"]).execute();
  // One open trade per order: a second startPayment returns it instead of making another.
  await db.schema
    .createIndex("payments_one_open_per_order")
    .on("payments")
    .column("order_id")
    .unique()
    .where(sql.ref("state"), "=", "CREATED")
    .execute();

  await db.schema
    .createTable("payment_refunds")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("payment_id", "bigint", (c) => c.notNull().references("payments.id"))
    .addColumn("out_refund_no", "text", (c) => c.notNull().unique())
    .addColumn("amount_fen", "integer", (c) => c.notNull().check(sql`amount_fen >= 1`))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) =>
      c.notNull().check(sql`state in ('PENDING', 'PROCESSING', 'SUCCEEDED', 'FLAGGED')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_at", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("flagged", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("refund_id", "text")
    .addColumn("succeeded_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A payment is refunded once, whole: the reason it is refunded is a fact about the payment.
  await db.schema
    .createIndex("payment_refunds_one_per_payment")
    .on("payment_refunds")
    .column("payment_id")
    .unique()
    .execute();
  await db.schema
    .createIndex("payment_refunds_due_idx")
    .on("payment_refunds")
    .column("next_at")
    .where(sql.ref("state"), "in", sql`('PENDING', 'PROCESSING')`)
    .execute();

  await db.schema
    .createTable("payment_notifies")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("cinema_id", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull())
    .addColumn("verified", "boolean", (c) => c.notNull())
    // accepted | duplicate | bad_signature | unknown_trade | no_config | amount_mismatch | refund_update …
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("notify_id", "text")
    .addColumn("out_trade_no", "text")
    .addColumn("out_refund_no", "text")
    .addColumn("detail", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("payment_notifies_trade_idx").on("payment_notifies").column("out_trade_no").execute();
}
