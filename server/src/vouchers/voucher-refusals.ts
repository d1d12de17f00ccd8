import { DomainError } from "../domain/domain-error.js";
import type { VendorError } from "../domain/errors.js";

/**
 * A voucher vendor's refusal in the domain's vocabulary. Only a refusal the buyer could fix (the
 * vendor says the request is wrong) or a state conflict is final; anything else is VENDOR_UNAVAILABLE,
 * which is transient, so the channel may retry under the same Idempotency-Key.
 */
export function voucherRefusal(error: VendorError): DomainError {
  const detail = `${error.message}${error.vendorCode ? ` (vendor code ${error.vendorCode})` : ""}`;
  switch (error.code) {
    case "invalid_request":
      return new DomainError("VALIDATION_FAILED", detail);
    case "not_found":
      return new DomainError("NOT_FOUND", detail);
    case "order_state":
      return new DomainError("ORDER_STATE_CONFLICT", detail);
    case "rate_limited":
      return new DomainError("RATE_LIMITED", detail);
    default:
      return new DomainError("VENDOR_UNAVAILABLE", detail);
  }
}
