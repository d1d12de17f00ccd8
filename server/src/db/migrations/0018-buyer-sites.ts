import { type Kysely, sql } from "kysely";

/**
 * The buyer site (微官网, issue 17). `buyer_sites`: one per cinema, its switch, slug (the URL
 * `/h5/{slug}/`), looks and optional host name, and the built-in channel its orders carry.
 * `buyer_oauth_states`: each WeChat OAuth round trip's `state`, single use. `buyer_sessions`: the
 * signed cookie's session, in PostgreSQL so any API node knows it; the openid is sealed (it
 * identifies a person under the cinema's AppID) and keyed by an HMAC for "my orders".
 * `buyer_orders`: which buyer (openid HMAC) made which order, so another buyer's order is not found.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table buyer_sites (
      cinema_id text primary key references cinemas (id) on delete cascade,
      enabled boolean not null default false,
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
      name text not null,
      logo_url text,
      theme_color text not null default '#e4393c' check (theme_color ~ '^#[0-9a-fA-F]{6}$'),
      notice text not null default '',
      host_name text unique,
      channel_id text not null references channels (id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table buyer_oauth_states (
      state_hash text primary key,
      cinema_id text not null references cinemas (id) on delete cascade,
      return_path text not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`
    create table buyer_sessions (
      token_hash text primary key,
      cinema_id text not null references cinemas (id) on delete cascade,
      openid_sealed text not null,
      openid_key text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table buyer_orders (
      order_id text primary key references orders (id) on delete cascade,
      cinema_id text not null references cinemas (id) on delete cascade,
      openid_key text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index buyer_orders_by_buyer on buyer_orders (cinema_id, openid_key, created_at desc)`.execute(db);
}
