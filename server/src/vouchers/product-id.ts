import { DomainError } from "../domain/domain-error.js";

/**
 * A voucher product, as the channel names it: the vendor account that sells it, and either the one
 * cinema a card is valid at (the vendor's buyByCinema) or the card kind (buyByKind). Written
 * `<accountId>:cinema:<nationalCode>` / `<accountId>:kind:<kindId>` — readable by support staff,
 * and enough to buy without another list call.
 */
export type VoucherProductRef =
  | { accountId: string; type: "cinema"; vendorCinemaId: string }
  | { accountId: string; type: "kind"; kindId: string };

const FORM = /^([A-Za-z0-9_-]{1,64}):(cinema|kind):([A-Za-z0-9_-]{1,32})$/;

export function productIdOf(ref: VoucherProductRef): string {
  return `${ref.accountId}:${ref.type}:${ref.type === "cinema" ? ref.vendorCinemaId : ref.kindId}`;
}

/** The product a channel named; VALIDATION_FAILED when it is not one of ours in form. */
export function parseProductId(productId: string): VoucherProductRef {
  const m = FORM.exec(productId);
  if (!m) {
    throw new DomainError("VALIDATION_FAILED", `productId ${productId} is not a voucher product id`, {
      errors: [{ path: "/productId", message: "must be a productId from GET /v1/voucher-products" }],
    });
  }
  const [, accountId, type, id] = m as unknown as [string, string, "cinema" | "kind", string];
  return type === "cinema" ? { accountId, type, vendorCinemaId: id } : { accountId, type, kindId: id };
}
