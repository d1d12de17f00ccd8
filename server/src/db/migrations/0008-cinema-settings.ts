import { type Kysely, sql } from "kysely";

/**
 * Per-cinema settings (issue 14 §2): one JSON document per cinema, in sections (`vendor` today;
 * payments and the buyer site later), so a new kind of setting is a new section, not a migration.
 * `version` is the optimistic-concurrency token: a write names the version it read and loses (409)
 * when someone wrote in between. No row means "nothing stored": every reader uses its defaults.
 * The document holds no secret today; a secret section would be stored sealed (see
 * cinemas/settings.ts), never in this plain JSON.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cinema_settings (
      cinema_id text primary key references cinemas(id) on delete cascade,
      document jsonb not null default '{}'::jsonb,
      version integer not null check (version > 0),
      updated_at timestamptz not null default now(),
      updated_by text not null
    )`.execute(db);
}
