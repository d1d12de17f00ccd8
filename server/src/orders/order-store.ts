import type { Selectable, Transaction, Updateable } from "kysely";
import type { Db } from "../db/database.js";
import type { Database, OrdersTable } from "../db/schema.js";
import { assertMove, type OrderStatus } from "../domain/order-states.js";

export type OrderRow = Selectable<OrdersTable>;
type Executor = Db | Transaction<Database>;

export interface Transition {
  from: OrderStatus | OrderStatus[];
  to: OrderStatus;
  set?: Omit<Updateable<OrdersTable>, "status" | "id">;
  /** Who or what caused it: "channel:<code>", "workflow", "sweeper", "user:<name>". */
  actor: string;
  event: string;
  detail?: Record<string, unknown>;
}

/**
 * Every order state change goes through `transition`: a compare-and-set on the status (two
 * workers can never both move an order out of the same state) plus an event-log row in the same
 * transaction. Listeners (webhooks) hear about committed changes only. A move that the domain's
 * table (domain/order-states.ts) does not list is refused with IllegalOrderMove before anything is
 * read or written: that is a bug in the caller, unlike a lost compare-and-set, which answers undefined.
 */
export class OrderStore {
  private readonly listeners: Array<(order: OrderRow) => void> = [];

  constructor(
    readonly db: Db,
    private readonly now: () => number,
  ) {}

  onChange(fn: (order: OrderRow) => void): void {
    this.listeners.push(fn);
  }

  async get(id: string, executor: Executor = this.db): Promise<OrderRow | undefined> {
    return executor.selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async transition(id: string, t: Transition, executor?: Transaction<Database>): Promise<OrderRow | undefined> {
    const from = Array.isArray(t.from) ? t.from : [t.from];
    for (const f of from) assertMove(f, t.to);
    const run = async (trx: Transaction<Database>) => {
      const before = await trx
        .selectFrom("orders")
        .select("status")
        .where("id", "=", id)
        .forUpdate()
        .executeTakeFirst();
      if (!before || !from.includes(before.status)) return undefined;
      const row = await trx
        .updateTable("orders")
        .set({ ...t.set, status: t.to, updated_at: new Date(this.now()) })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.event(trx, id, t.event, t.actor, t.detail ?? {}, before.status, t.to);
      return row;
    };
    const row = executor ? await run(executor) : await this.db.transaction().execute(run);
    // Inside a caller's transaction the caller notifies after its commit (see `notify`).
    if (row && !executor) this.notify(row);
    return row;
  }

  /** Updates fields without a status change (vendor ids, recovery bookkeeping). */
  async update(
    id: string,
    set: Omit<Updateable<OrdersTable>, "status" | "id">,
    executor: Executor = this.db,
  ): Promise<void> {
    await executor
      .updateTable("orders")
      .set({ ...set, updated_at: new Date(this.now()) })
      .where("id", "=", id)
      .execute();
  }

  async event(
    executor: Executor,
    orderId: string,
    type: string,
    actor: string,
    detail: Record<string, unknown> = {},
    from: string | null = null,
    to: string | null = null,
  ): Promise<void> {
    await executor
      .insertInto("order_events")
      .values({
        order_id: orderId,
        type,
        actor,
        detail: JSON.stringify(detail),
        from_status: from,
        to_status: to,
        at: new Date(this.now()),
      })
      .execute();
  }

  notify(order: OrderRow): void {
    for (const fn of this.listeners) fn(order);
  }
}
