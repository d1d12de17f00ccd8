import type { FaultRendering, RenderFault } from "../core/fault-http.js";

/** The ResponseCode / Result table of §3.13 (names as documented, conversion breaks repaired). */
export const VistaCode = {
  OK: 0,
  UnexpectedError: 1,
  DBError: 2,
  MembershipError: 3,
  InvalidRequestData: 4,
  CinemaConnectError: 5,
  LoyaltyConnectError: 6,
  InsufficientPoints: 7,
  SeatsUnavailable: 8,
  FailedSeatDataRetrieve: 9,
  FailedOrderValueProcess: 10,
  PrepareOrderForCompleteError: 11,
  PaymentDeclined: 12,
  PaymentSystemError: 13,
  PostChargeCommitError: 14,
  UnpaidBookingsDisallowed: 15,
  VouchersDisallowed: 16,
  MemberNotFound: 17,
  MemberPasswordIncorrect: 18,
  LoyaltyTimeout: 19,
  LoyaltyUserNameAlreadyExists: 20,
  LoyaltyNotSupportedAtCinema: 21,
  MemberEmailIncorrect: 22,
  MemberLoginResetDisallowed: 23,
  PaymentSuccessWithErrors: 24,
  PaymentVoidSuccessPostCommit: 25,
  PaymentVoidSuccessPreCommit: 26,
  PaymentVoidSuccessPayTotalMismatch: 27,
  FailedToAllocateCard: 28,
  VoucherPinRequired: 29,
  VoucherNotValid: 30,
  CouldNotAllocateContiguousSeats: 31,
  VoucherPinIncorrect: 32,
  DuplicateVoucher: 33,
  NoLoyaltyMember: 34,
  InvalidTicketRecognitionPair: 35,
  OrderInitFailed: 36,
  CardWalletAccessTokenInvalid: 37,
  InsecureCardWalletAccess: 38,
  RefundBookingFailed: 39,
  IncorrectBookingMode: 40,
  AddressNotFound: 41,
  InvalidAddressModuleConfiguration: 42,
  OfflinePaymentsDisabled: 43,
  BookingRefundsDisabled: 44,
  ExternalPaymentsDisabled: 45,
  EmailChangeAlreadyVerified: 46,
  BookingDoesNotExist: 47,
  BookingIsNotUnpaid: 48,
  BookingAlreadyCancelled: 49,
  SessionUnavailable: 50,
  TicketsNotOnSale: 51,
  LoyaltyMemberIsBannedFromMakingUnpaidBookings: 52,
  UnableToRetrieveBookingPrintStream: 53,
  IncompatibleOrderPurchaseType: 54,
  ActiveTabUsingIdentifierAlreadyExists: 55,
  PaymentsProcessed: 56,
  PaymentErrorPreCommit: 57,
  LoyaltyPaymentDetailsDontMatchLoggedInMember: 58,
  ThirdPartyMemberTicketNotApproved: 59,
  NumberOfVoucherRedemptionsExceeded: 60,
  OrderCannotBeUniquelyIdentified: 61,
  OrderDoesNotExist: 62,
  OrderHasBeenRefunded: 63,
  SeatMapRequestedForSoldOutSession: 67,
} as const;

export type VistaCodeValue = (typeof VistaCode)[keyof typeof VistaCode];

/**
 * Each call names its outcome field differently in the document:
 * - RESTData (tickets, seat-plan) and QueryOrderBookingStatus: `ResponseCode`;
 * - RestTicketing (AddTickets, GetOrder, CancelOrder, StartExternalPayment, CompleteOrder): `Result`;
 * - RestBooking (GetSingleBooking, RefundBooking): `ResultCode`.
 */
export type ResultField = "ResponseCode" | "Result" | "ResultCode";

export const CALL_RESULT_FIELD: Record<string, ResultField> = {
  GetTicketsForSession: "ResponseCode",
  GetSessionSeatPlan: "ResponseCode",
  AddTickets: "Result",
  GetOrder: "Result",
  CancelOrder: "Result",
  StartExternalPayment: "Result",
  CompleteOrder: "Result",
  QueryOrderBookingStatus: "ResponseCode",
  GetSingleBooking: "ResultCode",
  RefundBooking: "ResultCode",
};

/** A failure body in the call's own shape. */
export function failure(call: string, code: number, description: string): Record<string, unknown> {
  const field = CALL_RESULT_FIELD[call] ?? "Result";
  const descField =
    field === "ResponseCode" && call === "QueryOrderBookingStatus" ? "ResponseDescription" : "ErrorDescription";
  return { [field]: code, [descField]: description };
}

export const RATE_LIMIT_MESSAGE = "CINEMA_RATE_LIMIT_EXCEEDED";

/**
 * Fault answers for REST calls. The document defines no rate-limit code, so a rate-limited call is
 * HTTP 429 with the call's result field = 1 (UnexpectedError) and ErrorDescription
 * CINEMA_RATE_LIMIT_EXCEEDED; "error" is HTTP 200 with code 1; "down" is HTTP 503 with code 5
 * (CinemaConnectError: "the Cinema may be unavailable for ticketing").
 */
export function restFaultRenderer(call: string): RenderFault {
  return (kind): FaultRendering => {
    switch (kind) {
      case "rateLimited":
        return { status: 429, body: failure(call, VistaCode.UnexpectedError, RATE_LIMIT_MESSAGE) };
      case "down":
        return {
          status: 503,
          body: failure(
            call,
            VistaCode.CinemaConnectError,
            "The service could not access the requested Cinema server system.",
          ),
        };
      default:
        return {
          status: 200,
          body: failure(call, VistaCode.UnexpectedError, "An unexpected error was encountered."),
        };
    }
  };
}

/** OData services answer errors in the OData v3 JSON error envelope. */
export function odataError(message: string, code = ""): Record<string, unknown> {
  return { "odata.error": { code, message: { lang: "en-US", value: message } } };
}

export function odataFaultRenderer(): RenderFault {
  return (kind): FaultRendering => {
    switch (kind) {
      case "rateLimited":
        return { status: 429, body: odataError(RATE_LIMIT_MESSAGE, RATE_LIMIT_MESSAGE) };
      case "down":
        return { status: 503, body: odataError("The service is unavailable.") };
      default:
        return { status: 500, body: odataError("An error has occurred.") };
    }
  };
}
