import { type Kysely, sql } from "kysely";

/**
 * Issue 14 §3. The step journal names the order step each vendor call served and whether it was
 * undoing it (orders/saga.ts); rows written before have neither (they were all the vendor confirm
 * or refund). Idempotency keys belong to an owner: a channel, or a buyer of the buyer site inside
 * its channel; `buyer_id` is '' for a channel's own keys, so every existing row stays a channel's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table order_steps
    add column step text,
    add column compensating boolean not null default false`.execute(db);
  await sql`alter table idempotency_keys add column buyer_id text not null default ''`.execute(db);
  await sql`alter table idempotency_keys drop constraint idempotency_keys_pk`.execute(db);
  await sql`alter table idempotency_keys
    add constraint idempotency_keys_pk primary key (channel_id, buyer_id, scope, key)`.execute(db);
}
