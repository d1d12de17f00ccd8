import type { BookingState, BookingView } from "../core/bookings.js";
import type { Order, VistaState } from "./state.js";

function stateOf(order: Order): BookingState {
  switch (order.state) {
    case "open":
      return "locked";
    case "committing":
      return "pending";
    case "completed":
      return order.booking?.refunded ? "refunded" : "issued";
    case "failed":
      return "failed";
    case "cancelled":
      return "released";
    case "expired":
      return "expired";
  }
}

/**
 * Every order (a UserSessionId is the lock) and what became of it, for GET /_control/bookings.
 * Seats are named by their SelectedSeats position `AreaNumber:RowIndex:ColumnIndex`.
 */
export function vistaBookings(state: VistaState): BookingView[] {
  state.tick();
  return [...state.orders.values()].map((order) => ({
    lockId: order.userSessionId,
    ...(order.booking ? { orderId: order.booking.bookingId } : {}),
    showtimeId: order.lines[0]?.session.showtime.id ?? "",
    seatIds: order.lines.map((l) => `${l.seat.area.number}:${l.seat.rowIndex}:${l.seat.columnIndex}`),
    state: stateOf(order),
  }));
}
