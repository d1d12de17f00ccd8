import type { Db } from "../db/database.js";

/** Append-only record of every administrative action (who, what, on what, details). */
export class AuditLog {
  constructor(private readonly db: Db) {}

  async record(
    actor: string,
    action: string,
    target: string | null,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await this.db
      .insertInto("audit_log")
      .values({ actor, action, target, detail: JSON.stringify(detail) })
      .execute();
  }
}
