import { type Kysely, sql } from "kysely";

/**
 * The catalogue: vendor accounts, cinemas (and which channels may sell them), halls with seat
 * layouts, films merged across vendors, showtimes, and the sync bookkeeping. Showtimes are never
 * deleted (orders reference them): the sync marks them invalid instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("vendor_accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("base_url", "text", (c) => c.notNull())
    .addColumn("credentials_enc", "text", (c) => c.notNull())
    .addColumn("rate_per_second", "integer", (c) => c.notNull().defaultTo(20))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("cities")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("cinemas")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("vendor_account_id", "text", (c) => c.notNull().references("vendor_accounts.id"))
    .addColumn("vendor", "text", (c) => c.notNull())
    .addColumn("vendor_cinema_id", "text", (c) => c.notNull())
    .addColumn("national_code", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("city_code", "text", (c) => c.references("cities.code"))
    .addColumn("phone", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("lat", "double precision")
    .addColumn("lng", "double precision")
    .addColumn("refund_before_minutes", "integer")
    .addColumn("refund_limit_count", "integer")
    .addColumn("shanghai", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("service_fee_fen", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("content_hash", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("cinemas_vendor_ref", ["vendor_account_id", "vendor_cinema_id"])
    .execute();
  await db.schema.createIndex("cinemas_city_idx").on("cinemas").column("city_code").execute();

  await db.schema
    .createTable("channel_cinemas")
    .addColumn("channel_id", "text", (c) => c.notNull().references("channels.id").onDelete("cascade"))
    .addColumn("cinema_id", "text", (c) => c.notNull().references("cinemas.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("channel_cinemas_pk", ["channel_id", "cinema_id"])
    .execute();

  await db.schema
    .createTable("halls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cinema_id", "text", (c) => c.notNull().references("cinemas.id"))
    .addColumn("vendor_hall_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("seat_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("layout", "jsonb")
    .addColumn("layout_hash", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("content_hash", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("halls_vendor_ref", ["cinema_id", "vendor_hall_id"])
    .execute();

  await db.schema
    .createTable("films")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("national_code", "text", (c) => c.unique())
    // The vendor account that first supplied the film updates it; others only link to it, so two
    // vendors spelling a title differently never rewrite the row back and forth.
    .addColumn("source_account_id", "text", (c) => c.notNull().references("vendor_accounts.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("duration_minutes", "integer")
    .addColumn("versions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("poster", "text")
    .addColumn("director", "text")
    .addColumn("cast", "text")
    .addColumn("release_date", "text")
    .addColumn("content_hash", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A vendor's film id, per vendor account: how showtimes find their merged film.
  await db.schema
    .createTable("film_refs")
    .addColumn("vendor_account_id", "text", (c) => c.notNull().references("vendor_accounts.id"))
    .addColumn("vendor_film_id", "text", (c) => c.notNull())
    .addColumn("film_id", "text", (c) => c.notNull().references("films.id"))
    .addPrimaryKeyConstraint("film_refs_pk", ["vendor_account_id", "vendor_film_id"])
    .execute();

  await db.schema
    .createTable("showtimes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cinema_id", "text", (c) => c.notNull().references("cinemas.id"))
    .addColumn("hall_id", "text", (c) => c.notNull().references("halls.id"))
    .addColumn("film_id", "text", (c) => c.notNull().references("films.id"))
    .addColumn("vendor_showtime_id", "text", (c) => c.notNull())
    .addColumn("business_day", "text", (c) => c.notNull())
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz")
    .addColumn("stop_selling_at", "timestamptz", (c) => c.notNull())
    .addColumn("on_sale", "boolean", (c) => c.notNull())
    .addColumn("valid", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("language", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("list_fen", "integer", (c) => c.notNull())
    .addColumn("settle_fen", "integer", (c) => c.notNull())
    .addColumn("lowest_fen", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("vendor_fee_fen", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sale_fen", "integer", (c) => c.notNull())
    .addColumn("service_fee_fen", "integer", (c) => c.notNull())
    .addColumn("area_prices", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("version_key", "text")
    .addColumn("vendor_data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("showtimes_vendor_ref", ["cinema_id", "vendor_showtime_id"])
    .execute();
  await db.schema
    .createIndex("showtimes_day_idx")
    .on("showtimes")
    .columns(["cinema_id", "business_day", "starts_at"])
    .execute();

  await db.schema
    .createTable("sync_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cinema_id", "text", (c) => c.notNull().references("cinemas.id"))
    .addColumn("entities", sql`text[]`, (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('running', 'succeeded', 'failed')`))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .addColumn("duration_ms", "integer")
    .addColumn("counts", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("errors", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema.createIndex("sync_runs_cinema_idx").on("sync_runs").columns(["cinema_id", "started_at"]).execute();

  // When each entity of each cinema last synced, and when it is due again.
  await db.schema
    .createTable("sync_state")
    .addColumn("cinema_id", "text", (c) => c.notNull().references("cinemas.id"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("last_success_at", "timestamptz")
    .addColumn("last_failure_at", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("due_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("sync_state_pk", ["cinema_id", "entity"])
    .execute();
}
