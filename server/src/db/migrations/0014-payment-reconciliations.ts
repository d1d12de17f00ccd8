import { type Kysely, sql } from "kysely";

/**
 * Payment reconciliation (issue 15 §4): each run compares one cinema's payments and refunds of one
 * China calendar day with what the merchant's provider says, and keeps every difference found.
 * A scheduled run is made once per cinema and day (the unique index); manual runs (the console
 * button) may be repeated. Kinds are listed in payments/reconcile/differences.ts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("payment_reconciliations")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("cinema_id", "text", (c) => c.notNull().references("cinemas.id"))
    .addColumn("business_date", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull().check(sql`trigger in ('scheduled', 'manual')`))
    .addColumn("requested_by", "text")
    // DONE: every trade was compared (some may be `query_failed` differences); FAILED: no merchant to ask.
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('DONE', 'FAILED')`))
    .addColumn("mechanism", "text", (c) => c.notNull())
    .addColumn("payments_checked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("refunds_checked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("difference_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("payment_reconciliations_cinema_day_idx")
    .on("payment_reconciliations")
    .columns(["cinema_id", "business_date", "id"])
    .execute();
  // The daily job runs a cinema's day once, however many nodes tick.
  await db.schema
    .createIndex("payment_reconciliations_one_scheduled")
    .on("payment_reconciliations")
    .columns(["cinema_id", "business_date"])
    .unique()
    .where(sql.ref("trigger"), "=", "scheduled")
    .execute();

  await db.schema
    .createTable("payment_reconciliation_differences")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("run_id", "bigint", (c) => c.notNull().references("payment_reconciliations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("out_trade_no", "text", (c) => c.notNull())
    .addColumn("out_refund_no", "text")
    // What each side says (state words and amounts in fen), for support staff to act on.
    .addColumn("ours", "jsonb", (c) => c.notNull())
    .addColumn("theirs", "jsonb", (c) => c.notNull())
    .addColumn("message_zh", "text", (c) => c.notNull())
    .addColumn("message_en", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("payment_reconciliation_differences_run_idx")
    .on("payment_reconciliation_differences")
    .columns(["run_id", "id"])
    .execute();
}
