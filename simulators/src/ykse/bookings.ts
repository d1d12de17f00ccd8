import type { BookingState, BookingView } from "../core/bookings.js";
import type { OrderStatus, YkseState } from "./state.js";

const BY_STATUS: Record<OrderStatus, BookingState> = {
  wait_ticket: "pending",
  ticket_success: "issued",
  ticket_failed: "failed",
  // A refund in progress or refused leaves the ticket sold.
  refunding: "issued",
  refund_failed: "issued",
  refund_success: "refunded",
  reverse_success: "reversed",
};

/** Every lock and what became of it, for GET /_control/bookings (read-only apart from due slow issues). */
export function ykseBookings(state: YkseState): BookingView[] {
  const now = state.now();
  return [...state.locks.values()].map((lock) => {
    const orderId = state.ordersByLock.get(lock.lockOrderId);
    const order = orderId ? state.orders.get(orderId) : undefined;
    const base = { lockId: lock.lockOrderId, showtimeId: lock.scheduleId, seatIds: [...lock.seatIds] };
    if (order) return { ...base, orderId: order.orderId, state: BY_STATUS[state.settle(order).status] };
    if (lock.status === "released") return { ...base, state: "released" };
    return { ...base, state: lock.status === "locked" && lock.expiresAt > now ? "locked" : "expired" };
  });
}
