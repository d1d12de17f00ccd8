import type { Db } from "../db/database.js";
import type { SagaCursor } from "./saga.js";

/**
 * The write-ahead journal of the vendor calls of order steps: `begin` before the call, `finish`
 * after. A begun call without a finish, found on resume, was cut off by a crash: its outcome is
 * unknown and only the vendor can tell (the recovery policy asks).
 */
export class StepJournal {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** `at` names the order step the call serves and whether it undoes it (orders/saga.ts). */
  async begin(orderId: string, at: SagaCursor, action: string, attempt: number): Promise<string> {
    const row = await this.db
      .insertInto("order_steps")
      .values({
        order_id: orderId,
        step: at.step,
        compensating: at.undo,
        action,
        attempt,
        started_at: new Date(this.now()),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async finish(
    stepId: string,
    outcome: string,
    extra: { vendorCode?: string; callId?: string; detail?: string } = {},
  ): Promise<void> {
    await this.db
      .updateTable("order_steps")
      .set({
        finished_at: new Date(this.now()),
        outcome,
        vendor_code: extra.vendorCode ?? null,
        call_id: extra.callId ?? null,
        detail: extra.detail?.slice(0, 500) ?? null,
      })
      .where("id", "=", stepId)
      .execute();
  }

  /** Closes steps a crash left open; returns how many (they count as "no answer"). */
  async closeInterrupted(orderId: string): Promise<number> {
    const res = await this.db
      .updateTable("order_steps")
      .set({ finished_at: new Date(this.now()), outcome: "interrupted" })
      .where("order_id", "=", orderId)
      .where("finished_at", "is", null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async list(orderId: string) {
    return this.db.selectFrom("order_steps").selectAll().where("order_id", "=", orderId).orderBy("id").execute();
  }
}
