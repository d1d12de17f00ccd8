import type { Selectable, Transaction } from "kysely";
import type { Db } from "../../db/database.js";
import { readJson } from "../../db/json-column.js";
import type { Database, PaymentReconciliationsTable } from "../../db/schema.js";
import type { Difference, DifferenceKind } from "./differences.js";

export type RunRow = Selectable<PaymentReconciliationsTable>;

export interface NewRun {
  cinemaId: string;
  businessDate: string;
  trigger: "scheduled" | "manual";
  requestedBy?: string;
  state: "DONE" | "FAILED";
  mechanism: string;
  paymentsChecked: number;
  refundsChecked: number;
  error?: string;
  startedAt: number;
  finishedAt: number;
}

/** A run as the Admin API and the console show it, with its differences. */
export interface RunView {
  id: string;
  cinemaId: string;
  date: string;
  trigger: "scheduled" | "manual";
  requestedBy: string | null;
  state: "DONE" | "FAILED";
  mechanism: string;
  paymentsChecked: number;
  refundsChecked: number;
  error: string | null;
  startedAt: string;
  finishedAt: string;
  differences: Array<{
    kind: DifferenceKind;
    outTradeNo: string;
    outRefundNo: string | null;
    ours: Record<string, unknown>;
    theirs: Record<string, unknown>;
    message: { zh: string; en: string };
  }>;
}

/** The stored reconciliation runs (0014-payment-reconciliations) and their differences. */
export class ReconciliationStore {
  constructor(readonly db: Db) {}

  /**
   * Stores a run and its differences in one transaction. A second scheduled run of the same cinema
   * and day (two nodes ticking) loses on the unique index and answers undefined.
   */
  async save(run: NewRun, differences: Difference[]): Promise<RunView | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto("payment_reconciliations")
        .values({
          cinema_id: run.cinemaId,
          business_date: run.businessDate,
          trigger: run.trigger,
          requested_by: run.requestedBy ?? null,
          state: run.state,
          mechanism: run.mechanism,
          payments_checked: run.paymentsChecked,
          refunds_checked: run.refundsChecked,
          difference_count: differences.length,
          error: run.error ?? null,
          started_at: new Date(run.startedAt),
          finished_at: new Date(run.finishedAt),
        })
        .onConflict((oc) => oc.columns(["cinema_id", "business_date"]).where("trigger", "=", "scheduled").doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      if (differences.length > 0) {
        await tx
          .insertInto("payment_reconciliation_differences")
          .values(
            differences.map((d) => ({
              run_id: row.id,
              kind: d.kind,
              out_trade_no: d.outTradeNo,
              out_refund_no: d.outRefundNo ?? null,
              ours: JSON.stringify(d.ours),
              theirs: JSON.stringify(d.theirs),
              message_zh: d.message.zh,
              message_en: d.message.en,
            })),
          )
          .execute();
      }
      return (await this.views([row], tx))[0];
    });
  }

  async hasScheduled(cinemaId: string, businessDate: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("payment_reconciliations")
      .select("id")
      .where("cinema_id", "=", cinemaId)
      .where("business_date", "=", businessDate)
      .where("trigger", "=", "scheduled")
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Runs, newest first, of the given cinemas (undefined: all) and optionally one cinema and/or day. */
  async list(filter: { cinemaIds?: string[]; cinemaId?: string; date?: string; limit?: number }): Promise<RunView[]> {
    if (filter.cinemaIds && filter.cinemaIds.length === 0) return [];
    let q = this.db.selectFrom("payment_reconciliations").selectAll();
    if (filter.cinemaIds) q = q.where("cinema_id", "in", filter.cinemaIds);
    if (filter.cinemaId) q = q.where("cinema_id", "=", filter.cinemaId);
    if (filter.date) q = q.where("business_date", "=", filter.date);
    const rows = await q
      .orderBy("id", "desc")
      .limit(filter.limit ?? 50)
      .execute();
    return this.views(rows, this.db);
  }

  private async views(rows: RunRow[], db: Db | Transaction<Database>): Promise<RunView[]> {
    if (rows.length === 0) return [];
    const diffs = await db
      .selectFrom("payment_reconciliation_differences")
      .selectAll()
      .where(
        "run_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("id")
      .execute();
    return rows.map((r) => ({
      id: String(r.id),
      cinemaId: r.cinema_id,
      date: r.business_date,
      trigger: r.trigger,
      requestedBy: r.requested_by,
      state: r.state,
      mechanism: r.mechanism,
      paymentsChecked: r.payments_checked,
      refundsChecked: r.refunds_checked,
      error: r.error,
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at.toISOString(),
      differences: diffs
        .filter((d) => String(d.run_id) === String(r.id))
        .map((d) => ({
          kind: d.kind as DifferenceKind,
          outTradeNo: d.out_trade_no,
          outRefundNo: d.out_refund_no,
          ours: readJson<Record<string, unknown>>(d.ours),
          theirs: readJson<Record<string, unknown>>(d.theirs),
          message: { zh: d.message_zh, en: d.message_en },
        })),
    }));
  }
}
