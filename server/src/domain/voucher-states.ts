/**
 * A voucher order's life (vendor-docs 004: buy → the buyer pays → payByCard → status / ban):
 *
 * CREATING → AWAITING_PAYMENT (the vendor created the inactive card and named its total)
 *          → FAILED (the vendor refused, or never answered, the buy: no card, nothing to pay)
 * AWAITING_PAYMENT → ACTIVATING (the channel confirmed its buyer's payment) | CANCELLED (card voided)
 * ACTIVATING → ACTIVE (the vendor activated the card and texted it to the buyer)
 *            → ACTIVATION_FAILED (the vendor definitively refused: the channel refunds its buyer)
 * ACTIVE → USED (every ticket exchanged, seen by a status refresh) | BANNED (voided before use)
 */
export const VOUCHER_ORDER_STATUSES = [
  "CREATING",
  "FAILED",
  "AWAITING_PAYMENT",
  "CANCELLED",
  "ACTIVATING",
  "ACTIVATION_FAILED",
  "ACTIVE",
  "USED",
  "BANNED",
] as const;

export type VoucherOrderStatus = (typeof VOUCHER_ORDER_STATUSES)[number];

/** States a channel never sees: the order never produced a card it could pay for. */
export const VOUCHER_HIDDEN_STATUSES: readonly VoucherOrderStatus[] = ["CREATING", "FAILED"];

export const CHANNEL_VOUCHER_STATUSES = VOUCHER_ORDER_STATUSES.filter((s) => !VOUCHER_HIDDEN_STATUSES.includes(s));

/** States reached after the channel's confirm: the payment is recorded and another one conflicts. */
export const VOUCHER_PAID_STATUSES: readonly VoucherOrderStatus[] = [
  "ACTIVATING",
  "ACTIVATION_FAILED",
  "ACTIVE",
  "USED",
  "BANNED",
];
