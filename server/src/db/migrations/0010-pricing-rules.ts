import { type Kysely, sql } from "kysely";

/**
 * Pricing rules (issue 18). A rule's scope and price are JSON (their shape is the API's, checked at
 * the edge); `cinema_ids` repeats the scope's cinemas as a column so an operator's rules are found
 * with an index. A deleted rule keeps its row (`deleted_at`) so its history still reads whole.
 * Every change is one history row; its serial id doubles as the rule set's revision, which each
 * node polls to learn that its in-memory copy of the rules is stale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pricing_rules (
      id text primary key,
      name text not null,
      enabled boolean not null,
      priority integer not null default 0,
      subsidy boolean not null default false,
      scope jsonb not null,
      price jsonb not null,
      service_fee_fen integer check (service_fee_fen >= 0),
      cinema_ids text[] not null default '{}',
      version integer not null check (version > 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by text not null,
      deleted_at timestamptz
    )`.execute(db);
  await sql`create index pricing_rules_cinema_ids on pricing_rules using gin (cinema_ids)`.execute(db);
  await sql`
    create table pricing_rule_history (
      id bigserial primary key,
      rule_id text not null references pricing_rules(id),
      version integer not null,
      action text not null,
      actor text not null,
      at timestamptz not null default now(),
      before jsonb,
      after jsonb
    )`.execute(db);
  await sql`create index pricing_rule_history_rule on pricing_rule_history (rule_id, id)`.execute(db);
}
