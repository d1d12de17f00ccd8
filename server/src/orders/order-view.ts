import { readJson } from "../db/json-column.js";
import type { OrderSeat } from "../db/schema.js";
import { hasValidTickets } from "../domain/order-states.js";
import { toChinaIso } from "../domain/time.js";
import { goodsLinesOf, paymentPartsOf } from "./order-parts-view.js";
import type { OrderRow } from "./order-store.js";

/** An order as the channel API shows it (API.md, Orders). Never the mobile number or vendor secrets. */
export function toApiOrder(row: OrderRow) {
  const seats = readJson<OrderSeat[]>(row.seats);
  const tickets = row.tickets ? readJson<Array<{ seatId: string; ticketNo?: string }>>(row.tickets) : undefined;
  const pickup = row.pickup ? readJson<Record<string, string>>(row.pickup) : undefined;
  const parts = paymentPartsOf(row);
  return {
    id: row.id,
    status: row.status,
    showtimeId: row.showtime_id,
    seats: seats.map((s) => ({
      id: s.seatId,
      row: s.row,
      col: s.col,
      saleFen: s.saleFen,
      serviceFeeFen: s.serviceFeeFen,
    })),
    goods: goodsLinesOf(row).map((g) => ({
      goodsId: g.goodsId,
      name: g.name,
      count: g.count,
      saleFen: g.saleFen,
    })),
    priceKind: row.price_kind ?? "standard",
    totalFen: row.total_fen,
    // Each part as paid; the card by its masked number, never its password.
    ...(parts ? { payments: parts } : {}),
    ...(row.locked_until ? { lockedUntil: toChinaIso(row.locked_until.getTime()) } : {}),
    ...(row.paid_fen !== null ? { paidFen: row.paid_fen } : {}),
    ...(hasValidTickets(row.status) ? { tickets: tickets ?? [], pickup: pickup ?? {} } : {}),
    ...(row.status === "FAILED" ? { repaid: row.repaid, failureReason: row.failure_reason ?? undefined } : {}),
    // An unpaid end of an order whose money the platform took (a late or wrong payment) says it went back.
    ...(row.takes_payment && (row.status === "EXPIRED" || row.status === "CANCELLED") ? { repaid: row.repaid } : {}),
    ...(row.last_refund_error ? { lastRefundError: row.last_refund_error } : {}),
    ...(row.needs_attention ? { needsAttention: true } : {}),
    createdAt: toChinaIso(row.created_at.getTime()),
    updatedAt: toChinaIso(row.updated_at.getTime()),
  };
}

export type ApiOrder = ReturnType<typeof toApiOrder>;
