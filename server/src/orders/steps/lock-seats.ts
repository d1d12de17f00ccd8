import { readJson } from "../../db/json-column.js";
import type { OrderSeat } from "../../db/schema.js";
import type { VendorError } from "../../domain/errors.js";
import { withOrderCalls } from "../order-calls.js";
import type { OrderStep, OrderStepRun, OrderVerdict } from "../order-step.js";
import { lockRequestOf, orderRefOf, type TradeContext } from "../trade-context.js";

const DEFAULT_LOCK_TTL_MS = 15 * 60_000;

/** How long an unpaid order holds its seats: the vendor's lock lifetime, or our default. */
export function lockTtlMs(ctx: TradeContext): number {
  return ctx.connector.capabilities.lockTtlMs || DEFAULT_LOCK_TTL_MS;
}

/** The lock's verdict, which the create request records (create-order.ts). */
export type LockVerdict =
  | {
      kind: "done";
      facts: { event: string; set: { vendor_lock_id: string; lock_vendor_data: string; locked_until: Date } };
    }
  | {
      kind: "refused";
      reason: string;
      facts: { event: string; set: { failure_reason: string }; error: VendorError };
    };

/**
 * Lock seats at the vendor ↔ release them. Our own seat holds are not part of this step: they are
 * taken with the order row (create-order.ts) and freed by every move into a final state (in the
 * move's transaction), so no crash can strand one.
 *
 * The invoke runs inside the channel's create request, which answers with the lock: its verdict
 * carries the lock (done) or the vendor's refusal (refused) for create-order.ts to record.
 */
export const lockSeats = {
  name: "lock-seats",
  async invoke(run: OrderStepRun): Promise<LockVerdict> {
    const { ctx, deps, order } = run;
    const req = lockRequestOf(ctx, readJson<OrderSeat[]>(order.seats), order.mobile, order.id);
    const lock = await withOrderCalls(deps.db, order.id, () => ctx.connector.lock(req));
    if (!lock.ok) {
      const { error } = lock;
      return {
        kind: "refused",
        reason: error.message,
        facts: { event: "vendor.lock.failed", set: { failure_reason: error.message }, error },
      };
    }
    // Never longer than our own hold, which was taken for the TTL when the order was created.
    const lockedUntil = Math.min(lock.value.lockedUntil, order.created_at.getTime() + lockTtlMs(ctx));
    return {
      kind: "done",
      facts: {
        event: "vendor.lock.ok",
        set: {
          vendor_lock_id: lock.value.vendorLockId,
          lock_vendor_data: JSON.stringify(lock.value.vendorData ?? {}),
          locked_until: new Date(lockedUntil),
        },
      },
    };
  },

  /**
   * Releases the vendor lock, best effort: a failed release is recorded but harmless, because the
   * vendor frees the seats itself when its lock expires. Repeating it is harmless too. Tickets that
   * were issued and then refunded hold no lock any more (the vendor's refund returned the seats).
   */
  async compensate(run: OrderStepRun): Promise<OrderVerdict> {
    const { ctx, deps, order } = run;
    if (!order.vendor_lock_id || order.status === "REFUNDING") return { kind: "done" };
    // Connectors answer with values; a throw is a bug, and must not keep the order from its final state.
    const release = () => ctx.connector.release(orderRefOf(order, ctx));
    const res = await withOrderCalls(deps.db, order.id, release).catch(() => undefined);
    if (res) {
      await deps.orders.event(deps.db, order.id, "vendor.release", run.actor, res.ok ? { ok: true } : { ...res.error });
    }
    return { kind: "done" };
  },
} satisfies OrderStep;
