import { sql } from "kysely";
import type { Db } from "../db/database.js";

/** How an audited action ended, merged into its row once known. */
export interface AuditOutcome {
  /** The HTTP status answered (routes), or absent for actions outside HTTP. */
  status?: number;
  /** The problem code when the action failed. */
  error?: string;
}

/**
 * One audit row, written before the action it records. A row whose `detail.outcome` is missing
 * means the action began and the process never reported its end (a crash mid-action): exactly
 * what an auditor must be able to see, and why the row comes first.
 */
export class AuditEntry {
  private readonly notes: Record<string, unknown> = {};
  private finished = false;

  constructor(
    private readonly db: Db,
    readonly id: string,
    private target: string | null,
  ) {}

  /** Facts learned while acting (the vendor's answer, the new state); saved with the outcome. */
  note(fields: Record<string, unknown>): void {
    Object.assign(this.notes, fields);
  }

  /** The target when it is only known after acting (a created row's id, a username looked up). */
  retarget(target: string): void {
    this.target = target;
  }

  /** Completes the row once; later calls do nothing. */
  async finish(outcome: AuditOutcome): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const patch = JSON.stringify({ ...this.notes, outcome });
    await this.db
      .updateTable("audit_log")
      .set({ detail: sql<string>`detail || ${patch}::jsonb`, target: this.target })
      .where("id", "=", this.id)
      .execute();
  }
}

/**
 * The audit log: who did what, on what, with which details. Every administrative action writes its
 * row first (`begin`, or `run` around the action) so that an action whose row cannot be written
 * never runs; the outcome is added to the same row afterwards. Rows are never deleted.
 */
export class AuditLog {
  constructor(private readonly db: Db) {}

  /** Writes the row of an action about to run; throws (and the action must not run) when it cannot. */
  async begin(
    actor: string,
    action: string,
    target: string | null,
    detail: Record<string, unknown> = {},
  ): Promise<AuditEntry> {
    const row = await this.db
      .insertInto("audit_log")
      .values({ actor, action, target, detail: JSON.stringify(detail) })
      .returning("id")
      .executeTakeFirstOrThrow();
    return new AuditEntry(this.db, String(row.id), target);
  }

  /**
   * Runs `action` only after its row is written, then records how it ended. For the CLI and
   * start-up code; admin routes get the same through their route config (http/plugins/audited-routes.ts).
   */
  async run<T>(
    actor: string,
    action: string,
    target: string | null,
    detail: Record<string, unknown>,
    act: (entry: AuditEntry) => Promise<T>,
  ): Promise<T> {
    const entry = await this.begin(actor, action, target, detail);
    let result: T;
    try {
      result = await act(entry);
    } catch (err) {
      await entry.finish({ error: errorCode(err) }).catch(() => {});
      throw err;
    }
    await entry.finish({});
    return result;
  }

  /** An event that is itself the record (nothing runs after it), written in one statement. */
  async record(
    actor: string,
    action: string,
    target: string | null,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await this.begin(actor, action, target, detail);
  }
}

/** A short, stable name of a failure for the audit row; never the message (it may hold input). */
export function errorCode(err: unknown): string {
  if (err && typeof err === "object" && "code" in err && typeof err.code === "string") return err.code;
  return err instanceof Error ? err.name : "Error";
}
