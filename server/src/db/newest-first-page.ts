import { type SelectQueryBuilder, sql } from "kysely";

/**
 * One page of a filtered table, newest first (`created_at desc`, then `id` for a stable order), and
 * how many rows match in all — the channel API's list shape (orders, voucher orders).
 */
export async function newestFirstPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  q: { page: number; pageSize: number },
) {
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy(sql`created_at`, "desc")
      .orderBy(sql`id`)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    query.select(sql<number>`count(*)`.as("n")).executeTakeFirst(),
  ]);
  return { rows, total: Number((count as { n?: number } | undefined)?.n ?? 0) };
}
