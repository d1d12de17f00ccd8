import type { Insertable, Selectable, Transaction, Updateable } from "kysely";
import type { Db } from "../db/database.js";
import { newestFirstPage } from "../db/newest-first-page.js";
import type { Database, VoucherOrdersTable } from "../db/schema.js";
import type { VoucherOrderStatus } from "../domain/voucher-states.js";

export type VoucherOrderRow = Selectable<VoucherOrdersTable>;

/**
 * The voucher_orders table. Every state change is a guarded update (`from` must still hold), so two
 * nodes, or a request and the activation step, can never both move one order.
 */
export class VoucherOrderStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  async insert(
    row: Insertable<VoucherOrdersTable>,
    trx: Transaction<Database> | Db = this.db,
  ): Promise<VoucherOrderRow> {
    return trx.insertInto("voucher_orders").values(row).returningAll().executeTakeFirstOrThrow();
  }

  async get(id: string): Promise<VoucherOrderRow | undefined> {
    return this.db.selectFrom("voucher_orders").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Moves the order from one of `from` to `to`; undefined when it was no longer in `from`. */
  async transition(
    id: string,
    from: readonly VoucherOrderStatus[],
    to: VoucherOrderStatus,
    set: Omit<Updateable<VoucherOrdersTable>, "id" | "status" | "updated_at"> = {},
  ): Promise<VoucherOrderRow | undefined> {
    return this.db
      .updateTable("voucher_orders")
      .set({ ...set, status: to, updated_at: new Date(this.now()) })
      .where("id", "=", id)
      .where("status", "in", [...from])
      .returningAll()
      .executeTakeFirst();
  }

  /** Changes fields of an order still in `status` (the activation step's record, a status refresh). */
  async update(
    id: string,
    status: VoucherOrderStatus,
    set: Omit<Updateable<VoucherOrdersTable>, "id" | "status" | "updated_at">,
  ): Promise<VoucherOrderRow | undefined> {
    return this.transition(id, [status], status, set);
  }

  async list(
    channelId: string,
    q: { status?: VoucherOrderStatus; hidden: readonly VoucherOrderStatus[]; page: number; pageSize: number },
  ) {
    let query = this.db
      .selectFrom("voucher_orders")
      .where("channel_id", "=", channelId)
      .where("status", "not in", [...q.hidden]);
    if (q.status) query = query.where("status", "=", q.status);
    return newestFirstPage(query, q);
  }
}
