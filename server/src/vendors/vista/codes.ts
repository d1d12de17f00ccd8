import type { VendorErrorCode } from "../../domain/errors.js";

/**
 * The ResponseCode / Result / ResultCode table of doc 003 §3.13, every row, with the standard code
 * each maps to when a call does not give it a more precise meaning (see `callOverrides`). Names are
 * the document's, with the PDF line breaks repaired ("PrepareOrderForCompleteE rror" …).
 */
export interface VistaCodeRow {
  name: string;
  error: VendorErrorCode | "ok";
  /** One line for support staff. */
  meaning: string;
}

export const VISTA_CODES: Readonly<Record<number, VistaCodeRow>> = {
  0: { name: "OK", error: "ok", meaning: "No issues encountered" },
  1: { name: "UnexpectedError", error: "vendor_unavailable", meaning: "unexpected error; VISTA logs hold the cause" },
  2: { name: "DBError", error: "vendor_unavailable", meaning: "Web Client database error" },
  3: { name: "MembershipError", error: "vendor_unavailable", meaning: "membership system error" },
  4: { name: "InvalidRequestData", error: "invalid_request", meaning: "request data missing or badly formatted" },
  5: { name: "CinemaConnectError", error: "vendor_unavailable", meaning: "the cinema server cannot be reached" },
  6: { name: "LoyaltyConnectError", error: "vendor_unavailable", meaning: "membership system unreachable" },
  7: { name: "InsufficientPoints", error: "invalid_request", meaning: "member has too few points" },
  8: { name: "SeatsUnavailable", error: "seat_unavailable", meaning: "seats refused: sold out or selling out" },
  9: {
    name: "FailedSeatDataRetrieve",
    error: "outcome_unknown",
    meaning: "seats booked but seat data not returned; retrieve or cancel",
  },
  10: {
    name: "FailedOrderValueProcess",
    error: "outcome_unknown",
    meaning: "seats booked but order value not processed; retry or cancel",
  },
  11: {
    name: "PrepareOrderForCompleteError",
    error: "vendor_unavailable",
    meaning: "error preparing the order for payment; CompleteOrder may be retried",
  },
  12: {
    name: "PaymentDeclined",
    error: "config_error",
    meaning: "payment declined (VISTA should not process payment)",
  },
  13: { name: "PaymentSystemError", error: "vendor_unavailable", meaning: "payment system error" },
  14: {
    name: "PostChargeCommitError",
    error: "outcome_unknown",
    meaning: "paid but the commit into the cinema failed; confirm with the cinema",
  },
  15: { name: "UnpaidBookingsDisallowed", error: "config_error", meaning: "unpaid bookings disallowed at the cinema" },
  16: { name: "VouchersDisallowed", error: "config_error", meaning: "voucher ticket types disallowed" },
  17: { name: "MemberNotFound", error: "not_found", meaning: "loyalty member not found" },
  18: { name: "MemberPasswordIncorrect", error: "auth_failed", meaning: "member password incorrect" },
  19: { name: "LoyaltyTimeout", error: "vendor_unavailable", meaning: "loyalty system timed out" },
  20: { name: "LoyaltyUserNameAlreadyExists", error: "invalid_request", meaning: "member user name not unique" },
  21: { name: "LoyaltyNotSupportedAtCinema", error: "unsupported", meaning: "cinema has no loyalty integration" },
  22: { name: "MemberEmailIncorrect", error: "invalid_request", meaning: "member e-mail does not match" },
  23: { name: "MemberLoginResetDisallowed", error: "invalid_request", meaning: "member login reset disallowed" },
  24: {
    name: "PaymentSuccessWithErrors",
    error: "outcome_unknown",
    meaning: "some payment lines failed, order paid in full",
  },
  25: {
    name: "PaymentVoidSuccessPostCommit",
    error: "order_state",
    meaning: "order voided after commit to history; no further attempts accepted",
  },
  26: {
    name: "PaymentVoidSuccessPreCommit",
    error: "vendor_unavailable",
    meaning: "order voided before commit; retries allowed",
  },
  27: {
    name: "PaymentVoidSuccessPayTotalMismatch",
    error: "price_rejected",
    meaning: "payment total differs from the order total; voided for a retry",
  },
  28: {
    name: "FailedToAllocateCard",
    error: "price_rejected",
    meaning: "card could not be allocated (document repeats code 27's text)",
  },
  29: { name: "VoucherPinRequired", error: "invalid_request", meaning: "voucher PIN required" },
  30: { name: "VoucherNotValid", error: "invalid_request", meaning: "voucher not valid for the ticket type" },
  31: {
    name: "CouldNotAllocateContiguousSeats",
    error: "seat_unavailable",
    meaning: "VISTA could not auto-allocate seats in one row",
  },
  32: { name: "VoucherPinIncorrect", error: "invalid_request", meaning: "voucher PIN incorrect" },
  33: { name: "DuplicateVoucher", error: "invalid_request", meaning: "duplicate voucher code" },
  34: { name: "NoLoyaltyMember", error: "invalid_request", meaning: "a loyalty member must be logged in" },
  35: { name: "InvalidTicketRecognitionPair", error: "invalid_request", meaning: "no ticket for this recognition" },
  36: { name: "OrderInitFailed", error: "vendor_unavailable", meaning: "order could not be initialised" },
  37: { name: "CardWalletAccessTokenInvalid", error: "auth_failed", meaning: "card wallet token invalid" },
  38: { name: "InsecureCardWalletAccess", error: "auth_failed", meaning: "card wallet needs a validated member" },
  39: { name: "RefundBookingFailed", error: "refund_refused", meaning: "refunding of booking failed" },
  40: { name: "IncorrectBookingMode", error: "config_error", meaning: "booking mode of the order incorrect" },
  41: { name: "AddressNotFound", error: "invalid_request", meaning: "address not found" },
  42: {
    name: "InvalidAddressModuleConfiguration",
    error: "config_error",
    meaning: "address module misconfigured",
  },
  43: { name: "OfflinePaymentsDisabled", error: "config_error", meaning: "AllowOfflinePayments is off" },
  44: { name: "BookingRefundsDisabled", error: "refund_refused", meaning: "AllowBookingRefunds is off" },
  45: { name: "ExternalPaymentsDisabled", error: "config_error", meaning: "AllowExternalPayments is off" },
  46: { name: "EmailChangeAlreadyVerified", error: "invalid_request", meaning: "e-mail change already verified" },
  47: { name: "BookingDoesNotExist", error: "not_found", meaning: "booking does not exist (at the cinema)" },
  48: { name: "BookingIsNotUnpaid", error: "order_state", meaning: "booking is not an unpaid booking" },
  49: { name: "BookingAlreadyCancelled", error: "order_state", meaning: "booking already cancelled" },
  50: { name: "SessionUnavailable", error: "showtime_closed", meaning: "session unavailable" },
  51: { name: "TicketsNotOnSale", error: "showtime_closed", meaning: "tickets not currently on sale" },
  52: {
    name: "LoyaltyMemberIsBannedFromMakingUnpaidBookings",
    error: "invalid_request",
    meaning: "member banned from unpaid bookings",
  },
  53: {
    name: "UnableToRetrieveBookingPrintStream",
    error: "vendor_unavailable",
    meaning: "print stream not retrieved from the cinema",
  },
  54: { name: "IncompatibleOrderPurchaseType", error: "invalid_request", meaning: "(no description in the document)" },
  55: { name: "ActiveTabUsingIdentifierAlreadyExists", error: "invalid_request", meaning: "a tab with this id exists" },
  56: { name: "PaymentsProcessed", error: "order_state", meaning: "order already paid; it can no longer be edited" },
  57: {
    name: "PaymentErrorPreCommit",
    error: "vendor_unavailable",
    meaning: "error before payment processing; not committed, retries allowed",
  },
  58: {
    name: "LoyaltyPaymentDetailsDontMatchLoggedInMember",
    error: "invalid_request",
    meaning: "loyalty payment card does not belong to the member",
  },
  59: { name: "ThirdPartyMemberTicketNotApproved", error: "invalid_request", meaning: "member ticket not approved" },
  60: { name: "NumberOfVoucherRedemptionsExceeded", error: "invalid_request", meaning: "voucher redemptions exceeded" },
  61: { name: "OrderCannotBeUniquelyIdentified", error: "invalid_request", meaning: "order not uniquely identified" },
  62: { name: "OrderDoesNotExist", error: "not_found", meaning: "no order matches the search criteria" },
  63: { name: "OrderHasBeenRefunded", error: "order_state", meaning: "the order has been refunded" },
  67: {
    name: "SeatMapRequestedForSoldOutSession",
    error: "showtime_closed",
    meaning: "session marked sold out / all seats unpaid-booked by the cinema (包场); not a real sell-out",
  },
};

/** Standard code for a VISTA code; codes outside the table are treated as vendor trouble. */
export function mapVistaCode(code: number): VendorErrorCode | "ok" {
  return VISTA_CODES[code]?.error ?? "vendor_unavailable";
}

/** "8 SeatsUnavailable" — for messages. */
export function describeVistaCode(code: number): string {
  const row = VISTA_CODES[code];
  return row ? `${code} ${row.name}` : `${code} (not in the §3.13 table)`;
}
