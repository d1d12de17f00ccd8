import { minutes, queryEachMinute, type RecoveryPolicy } from "../recovery.js";

/**
 * 鼎新 has no public recovery timetable (public-refs §4, §13). What the refs show: a sale
 * (seat/lock-buy) is keyed by our unique `partner_buy_ticket_id`, and order/ticket-flag finds an
 * order by it. So the conservative rule: never resend a sale whose answer was lost; ask
 * order/ticket-flag every minute until the show. The connector answers `not_submitted` only when
 * the vendor says it has no such order while our lock still lives (then the sale is made again,
 * under the same partner_buy_ticket_id), and `failed` once the lock has lapsed with no order.
 * Past the show, a person looks (needsAttention). Refunds are answered synchronously (§4.3
 * ticket/refund). An unsettled refund is made again each minute through the connector's refund,
 * which asks first (order/ticket-flag + ticket/info ticketStatus 3 = refunded) and only calls
 * ticket/refund again, under the same partner_refund_ticket_id, when the tickets are not refunded:
 * a ticket cannot be refunded twice, so the retry cannot double anything.
 */
export const dingxinRecovery: RecoveryPolicy = {
  source:
    "鼎新: no vendor document; public-refs §4.3/§4.5 (order/ticket-flag by partner_buy_ticket_id, ticket/info ticketStatus). Conservative: query every minute until the showtime, never resend a sale blindly",
  settle: queryEachMinute(),
  refund: [{ action: "refund", fromMs: 0, untilMs: "showtime", everyMs: minutes(1) }],
};
