import { describe, expect, it } from "vitest";
import { vendorErrorCodes } from "../../../src/domain/errors.js";
import { currentPhase, minutes } from "../../../src/vendors/recovery.js";
import { VISTA_CODES } from "../../../src/vendors/vista/codes.js";
import { printNumber, vistaRecoveryPolicy } from "../../../src/vendors/vista/index.js";

/** Doc 003 §3.13, copied row by row (names with the PDF's line breaks repaired). */
const DOC_TABLE: Array<[number, string]> = [
  [0, "OK"],
  [1, "UnexpectedError"],
  [2, "DBError"],
  [3, "MembershipError"],
  [4, "InvalidRequestData"],
  [5, "CinemaConnectError"],
  [6, "LoyaltyConnectError"],
  [7, "InsufficientPoints"],
  [8, "SeatsUnavailable"],
  [9, "FailedSeatDataRetrieve"],
  [10, "FailedOrderValueProcess"],
  [11, "PrepareOrderForCompleteError"],
  [12, "PaymentDeclined"],
  [13, "PaymentSystemError"],
  [14, "PostChargeCommitError"],
  [15, "UnpaidBookingsDisallowed"],
  [16, "VouchersDisallowed"],
  [17, "MemberNotFound"],
  [18, "MemberPasswordIncorrect"],
  [19, "LoyaltyTimeout"],
  [20, "LoyaltyUserNameAlreadyExists"],
  [21, "LoyaltyNotSupportedAtCinema"],
  [22, "MemberEmailIncorrect"],
  [23, "MemberLoginResetDisallowed"],
  [24, "PaymentSuccessWithErrors"],
  [25, "PaymentVoidSuccessPostCommit"],
  [26, "PaymentVoidSuccessPreCommit"],
  [27, "PaymentVoidSuccessPayTotalMismatch"],
  [28, "FailedToAllocateCard"],
  [29, "VoucherPinRequired"],
  [30, "VoucherNotValid"],
  [31, "CouldNotAllocateContiguousSeats"],
  [32, "VoucherPinIncorrect"],
  [33, "DuplicateVoucher"],
  [34, "NoLoyaltyMember"],
  [35, "InvalidTicketRecognitionPair"],
  [36, "OrderInitFailed"],
  [37, "CardWalletAccessTokenInvalid"],
  [38, "InsecureCardWalletAccess"],
  [39, "RefundBookingFailed"],
  [40, "IncorrectBookingMode"],
  [41, "AddressNotFound"],
  [42, "InvalidAddressModuleConfiguration"],
  [43, "OfflinePaymentsDisabled"],
  [44, "BookingRefundsDisabled"],
  [45, "ExternalPaymentsDisabled"],
  [46, "EmailChangeAlreadyVerified"],
  [47, "BookingDoesNotExist"],
  [48, "BookingIsNotUnpaid"],
  [49, "BookingAlreadyCancelled"],
  [50, "SessionUnavailable"],
  [51, "TicketsNotOnSale"],
  [52, "LoyaltyMemberIsBannedFromMakingUnpaidBookings"],
  [53, "UnableToRetrieveBookingPrintStream"],
  [54, "IncompatibleOrderPurchaseType"],
  [55, "ActiveTabUsingIdentifierAlreadyExists"],
  [56, "PaymentsProcessed"],
  [57, "PaymentErrorPreCommit"],
  [58, "LoyaltyPaymentDetailsDontMatchLoggedInMember"],
  [59, "ThirdPartyMemberTicketNotApproved"],
  [60, "NumberOfVoucherRedemptionsExceeded"],
  [61, "OrderCannotBeUniquelyIdentified"],
  [62, "OrderDoesNotExist"],
  [63, "OrderHasBeenRefunded"],
  [67, "SeatMapRequestedForSoldOutSession"],
];

describe("VISTA ResponseCode table (§3.13)", () => {
  it("maps every code of the document's table, by its documented name, to a standard code", () => {
    for (const [code, name] of DOC_TABLE) {
      const row = VISTA_CODES[code];
      expect(row, `code ${code}`).toBeDefined();
      expect(row?.name).toBe(name);
      expect(row?.error === "ok" || (vendorErrorCodes as readonly string[]).includes(row!.error)).toBe(true);
    }
    expect(
      Object.keys(VISTA_CODES)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(DOC_TABLE.map(([c]) => c));
  });

  it("gives the codes the flows depend on their meaning", () => {
    expect(VISTA_CODES[8]?.error).toBe("seat_unavailable");
    expect(VISTA_CODES[67]?.error).toBe("showtime_closed");
    expect(VISTA_CODES[39]?.error).toBe("refund_refused");
    expect(VISTA_CODES[14]?.error).toBe("outcome_unknown");
    expect(VISTA_CODES[47]?.error).toBe("not_found");
  });
});

describe("VISTA recovery policy (§2.2, §3.12) as data", () => {
  /** Walks the policy with every action answering "not final" and records what runs when. */
  function walk(phases: typeof vistaRecoveryPolicy.settle) {
    const attempts = phases.map(() => 0);
    const trail: string[] = [];
    let t = 0;
    for (let i = 0; i < 100; i++) {
      const cur = currentPhase(phases, t, minutes(600), attempts);
      if (!cur) break;
      attempts[cur.index]!++;
      trail.push(`${cur.phase.action}@${t / 60_000}`);
      t += cur.phase.everyMs;
    }
    return trail;
  }

  it("settles: GetOrder-guarded CompleteOrder once, QueryOrderBookingStatus ×15 at 1 min, CancelOrder, then RefundBooking ×10", () => {
    const trail = walk(vistaRecoveryPolicy.settle);
    expect(trail[0]).toBe("confirm@0");
    expect(trail.slice(1, 16)).toEqual(Array.from({ length: 15 }, (_, i) => `query@${i}`));
    expect(trail[16]).toBe("cancel@15");
    expect(trail.slice(17)).toEqual(Array.from({ length: 10 }, (_, i) => `refund@${15 + i}`));
  });

  it("refunds: refund-and-query ×10 at 1-minute intervals", () => {
    expect(walk(vistaRecoveryPolicy.refund)).toEqual(Array.from({ length: 10 }, (_, i) => `refund@${i}`));
  });

  it("kiosk print number: the booking number left-padded with zeros to 16 digits (§3.14)", () => {
    expect(printNumber("111972")).toBe("0000000000111972");
    expect(printNumber(112086)).toBe("0000000000112086");
  });
});
