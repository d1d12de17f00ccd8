import { type Kysely, sql } from "kysely";

/**
 * Per-channel rate limits on /v1 (issue 21). A channel's limits are columns of `channels` (null =
 * the platform default), so the signing path reads them with the channel it already caches.
 * The token buckets themselves are shared by every node through `channel_rate_buckets`, one row
 * per channel and bucket. That table is UNLOGGED: it is rewritten on most requests, and losing it
 * in a crash only refills every bucket, which costs nothing worth a WAL record per request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("channels")
    .addColumn("rate_per_second", "integer")
    .addColumn("rate_burst", "integer")
    .addColumn("seat_map_per_second", "integer")
    .addColumn("seat_map_burst", "integer")
    .addColumn("create_per_second", "integer")
    .addColumn("create_burst", "integer")
    .execute();
  await sql`
    create unlogged table channel_rate_buckets (
      channel_id text not null references channels(id) on delete cascade,
      bucket text not null,
      per_second double precision not null,
      burst double precision not null,
      tokens double precision not null,
      refilled_ms bigint not null,
      granted integer not null,
      primary key (channel_id, bucket)
    )`.execute(db);
}
