import { DomainError } from "../domain/domain-error.js";
import type { OrderDeps } from "./deps.js";
import type { OrderRow } from "./order-store.js";
import { releaseHolds } from "./seat-holds.js";
import type { OrderWorkflow } from "./workflow.js";

/**
 * Ends an unpaid order: CANCELLED (the channel asked) or EXPIRED (its lock ran out). Our hold goes
 * with the move, then the steps the order completed are undone (the vendor lock is released; see
 * steps/lock-seats.ts). The move comes first so that a confirm racing the cancel loses cleanly.
 */
export async function endUnpaid(
  deps: OrderDeps,
  workflow: OrderWorkflow,
  order: OrderRow,
  to: "CANCELLED" | "EXPIRED",
  actor: string,
): Promise<OrderRow> {
  const row = await deps.db.transaction().execute(async (trx) => {
    const r = await deps.orders.transition(
      order.id,
      { from: "LOCKED", to, actor, event: to === "CANCELLED" ? "order.cancel" : "order.expire" },
      trx,
    );
    if (r) await releaseHolds(trx, order.id);
    return r;
  });
  if (!row) {
    const current = await deps.orders.get(order.id);
    if (current?.status === to) return current;
    throw new DomainError("ORDER_STATE_CONFLICT", `order is ${current?.status}; only a LOCKED order can be cancelled`);
  }
  deps.orders.notify(row);
  await workflow.compensateUnpaid(order, actor);
  return row;
}
