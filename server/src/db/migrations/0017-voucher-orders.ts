import { type Kysely, sql } from "kysely";

/**
 * Electronic exchange voucher orders (issue 16 item 5, API.md "Vouchers", vendor-docs 004). One row
 * per order: the card the vendor created for it, the channel's payment, and where its activation
 * stands. `activation` is the step's write-ahead record ({ attempt, begunAt, finishedAt, outcome,
 * tries, nextAt }): a begun attempt without a finish was cut off by a crash, and is settled by the
 * vendor's status call, never by sending it again. The buyer's mobile is kept masked only: it is
 * sent to the vendor once, in the buy call, and nothing needs it afterwards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table voucher_orders (
      id text primary key,
      channel_id text not null references channels (id) on delete cascade,
      vendor_account_id text not null references vendor_accounts (id),
      product_id text not null,
      product_name text,
      count integer not null check (count > 0),
      mobile_masked text not null,
      status text not null,
      card_no text,
      vendor_status text,
      used_count integer not null default 0,
      unit_fen integer,
      total_fen integer,
      expires_at timestamptz,
      paid_fen integer,
      payment jsonb,
      activation jsonb,
      needs_attention boolean not null default false,
      failure jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      activated_at timestamptz,
      banned_at timestamptz
    )`.execute(db);
  await sql`create index voucher_orders_channel on voucher_orders (channel_id, created_at desc)`.execute(db);
  // The sweeper's scan: activations in flight.
  await sql`create index voucher_orders_activating on voucher_orders (status) where status = 'ACTIVATING'`.execute(db);
}
