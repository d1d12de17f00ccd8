/**
 * The closed vocabulary every connector maps its vendor's codes into (DESIGN.md, "connector
 * contract"). Each vendor's mapping table must cover every code in its document.
 */
export const vendorErrorCodes = [
  "seat_unavailable",
  "showtime_closed",
  "price_rejected",
  "auth_failed",
  "rate_limited",
  "vendor_unavailable",
  "outcome_unknown",
  "not_found",
  "refund_refused",
  "config_error",
  "unsupported",
  "invalid_request",
  "order_state",
] as const;

export type VendorErrorCode = (typeof vendorErrorCodes)[number];

export interface VendorError {
  code: VendorErrorCode;
  /** The vendor's own code (retCode / bizCode / ResponseCode …) and message, for support staff. */
  vendorCode?: string;
  message: string;
  /** Id of the recorded vendor call that produced it, when there was one. */
  callId?: string;
}

/** Business outcomes are values, not exceptions: only bugs throw. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: VendorError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: VendorErrorCode, message: string, vendorCode?: string): Result<never> => ({
  ok: false,
  error: { code, message, ...(vendorCode === undefined ? {} : { vendorCode }) },
});
