import { type Kysely, sql } from "kysely";

/**
 * Orders with goods, member-card prices and split payments (issue 16, API.md "Orders carry them"):
 * - `goods`: the concession lines the order holds (name and unit price snapshotted at create);
 * - `price_kind`: how the seats were priced (standard / member / benefit);
 * - `member_card`: the card that priced the seats (`cardRef` and the card number, never a password);
 * - `payment_parts`: the confirm's split payment, each part without its password (the password is
 *   used for the one vendor call it was sent for and never stored: docs/mixed-orders.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table orders add column goods jsonb not null default '[]'::jsonb`.execute(db);
  await sql`alter table orders add column price_kind text not null default 'standard'
    check (price_kind in ('standard', 'member', 'benefit'))`.execute(db);
  await sql`alter table orders add column member_card jsonb`.execute(db);
  await sql`alter table orders add column payment_parts jsonb`.execute(db);
}
