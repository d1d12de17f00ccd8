import { type Kysely, sql } from "kysely";

/**
 * The console's payments list (GET /admin/payments): newest first, for all cinemas or one, and an
 * exact search by the provider's transaction id (what a buyer reads off their WeChat / Alipay bill).
 * out_trade_no is already unique and order_id indexed (0012).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("payments_created_idx").on("payments").columns(["created_at desc", "id desc"]).execute();
  await db.schema
    .createIndex("payments_cinema_created_idx")
    .on("payments")
    .columns(["cinema_id", "created_at desc", "id desc"])
    .execute();
  await db.schema
    .createIndex("payments_transaction_idx")
    .on("payments")
    .column("transaction_id")
    .where(sql.ref("transaction_id"), "is not", null)
    .execute();
}
