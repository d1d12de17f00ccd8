import { sql } from "kysely";
import type { Db } from "../db/database.js";

/**
 * Runs `work` only if no other node is running work under the same key: a transaction-scoped
 * PostgreSQL advisory lock, released by commit, rollback or the death of the holder's connection —
 * so a crashed node never leaves it held (a job row left `active` by a crash would).
 */
export async function exclusively<T>(db: Db, key: string, work: () => Promise<T>): Promise<T | "busy"> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) as locked`.execute(trx);
    if (!rows[0]?.locked) return "busy" as const;
    return work();
  });
}
