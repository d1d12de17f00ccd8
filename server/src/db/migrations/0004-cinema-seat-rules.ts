import type { Kysely } from "kysely";

/**
 * Per-cinema seat rule: "no single empty seat left between" (off by default, set by support staff
 * for cinemas that ask for it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("cinemas")
    .addColumn("forbid_single_gap", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
}
