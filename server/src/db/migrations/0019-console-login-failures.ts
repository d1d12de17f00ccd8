import { type Kysely, sql } from "kysely";

/**
 * Console login throttling moves from each API node's memory to PostgreSQL (issue 20 §3), so N API
 * nodes behind a balancer share one limit instead of granting N × the attempts. One row per failed
 * attempt, keyed by a hash of (username, client address): the table holds no address or typed
 * username in the clear. UNLOGGED like channel_rate_buckets: it is written by unauthenticated
 * traffic, and losing it in a crash only resets the counters (as a node restart did before).
 * Rows older than the window are deleted as new failures arrive (console/login-limiter.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unlogged table console_login_failures (
      key_hash text not null,
      failed_at timestamptz not null
    )`.execute(db);
  await sql`create index console_login_failures_key on console_login_failures (key_hash, failed_at)`.execute(db);
  await sql`create index console_login_failures_failed_at on console_login_failures (failed_at)`.execute(db);
}
