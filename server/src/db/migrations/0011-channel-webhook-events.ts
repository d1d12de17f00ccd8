import { type Kysely, sql } from "kysely";

/**
 * Channel webhooks carry more than orders (issue 18: `showtime.price_changed`). A delivery names
 * its event; `order_id` is set only for order events. Existing rows were all `order.updated` and
 * keep their order id, so the default fills them in and they stay valid as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table webhook_deliveries alter column order_id drop not null`.execute(db);
  await sql`alter table webhook_deliveries add column event text not null default 'order.updated'`.execute(db);
  await sql`
    alter table webhook_deliveries add constraint webhook_deliveries_order_event
      check (order_id is not null or event <> 'order.updated')`.execute(db);
}
