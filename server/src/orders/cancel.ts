import { DomainError } from "../domain/domain-error.js";
import type { OrderDeps } from "./deps.js";
import { withOrderCalls } from "./order-calls.js";
import type { OrderRow } from "./order-store.js";
import { releaseHolds } from "./seat-holds.js";
import { loadTradeContext } from "./trade-context.js";
import type { OrderWorkflow } from "./workflow.js";

/**
 * Ends an unpaid order: CANCELLED (the channel asked) or EXPIRED (its lock ran out). Our hold goes
 * first, then the vendor lock is released; a failed release is recorded but harmless — the vendor
 * frees the seats itself when its lock expires.
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
  const ctx = await loadTradeContext(deps.db, deps.registry, order.showtime_id);
  if (ctx && order.vendor_lock_id) {
    const res = await withOrderCalls(deps.db, order.id, () => ctx.connector.release(workflow.orderRef(order, ctx)));
    await deps.orders.event(deps.db, order.id, "vendor.release", actor, res.ok ? { ok: true } : { ...res.error });
  }
  return row;
}
