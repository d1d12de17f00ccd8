import { readJson } from "../db/json-column.js";
import { toChinaIso } from "../domain/time.js";
import type { VoucherOrderRow } from "./voucher-store.js";

/**
 * A voucher order as the channel API shows it (API.md, Vouchers): the card's code (number) and its
 * state at the vendor. The card's password is never here — the vendor texts it to the buyer — and
 * the mobile only masked.
 */
export function toApiVoucherOrder(row: VoucherOrderRow) {
  const payment = row.payment ? readJson<{ method: string; tradeNo: string }>(row.payment) : undefined;
  const failure = row.failure ? readJson<{ code: string; message: string }>(row.failure) : undefined;
  const iso = (d: Date | null) => (d ? toChinaIso(d.getTime()) : undefined);
  return {
    id: row.id,
    status: row.status,
    productId: row.product_id,
    ...(row.product_name ? { productName: row.product_name } : {}),
    count: row.count,
    mobile: row.mobile_masked,
    ...(row.unit_fen !== null ? { unitFen: row.unit_fen } : {}),
    ...(row.total_fen !== null ? { totalFen: row.total_fen } : {}),
    ...(row.paid_fen !== null ? { paidFen: row.paid_fen } : {}),
    ...(payment ? { payment } : {}),
    vouchers: row.card_no
      ? [
          {
            code: row.card_no,
            tickets: row.count,
            usedTickets: row.used_count,
            ...(row.vendor_status ? { vendorStatus: row.vendor_status } : {}),
            ...(row.expires_at ? { expiresAt: iso(row.expires_at) } : {}),
          },
        ]
      : [],
    ...(failure ? { failure: { code: failure.code, message: failure.message } } : {}),
    ...(row.needs_attention ? { needsAttention: true } : {}),
    createdAt: toChinaIso(row.created_at.getTime()),
    updatedAt: toChinaIso(row.updated_at.getTime()),
    ...(row.activated_at ? { activatedAt: iso(row.activated_at) } : {}),
    ...(row.banned_at ? { bannedAt: iso(row.banned_at) } : {}),
  };
}

export type ApiVoucherOrder = ReturnType<typeof toApiVoucherOrder>;
