import { type Kysely, sql } from "kysely";

/**
 * Diagnosis runs move from the starting node's memory to PostgreSQL (issue 20 §3): the console
 * polls a run through whichever API node the load balancer picks. A run is one small document
 * (its checks and their findings), rewritten as each check ends, and pruned an hour after it started.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table diagnosis_runs (
      id text primary key,
      cinema_id text not null,
      actor text not null,
      status text not null check (status in ('running', 'done')),
      started_at timestamptz not null,
      finished_at timestamptz,
      checks jsonb not null,
      summary jsonb
    )`.execute(db);
  await sql`create index diagnosis_runs_started_at on diagnosis_runs (started_at)`.execute(db);
}
