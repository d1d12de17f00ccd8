import { DomainError } from "../domain/domain-error.js";
import type { VendorError } from "../domain/errors.js";
import type { SeatRuleViolation } from "./seat-rules.js";

/** A vendor's refusal in the domain's vocabulary (the HTTP edge gives it its API.md problem code). */
export function vendorRefusal(error: VendorError, context: { seatIds?: string[] } = {}): DomainError {
  const detail = `${error.message}${error.vendorCode ? ` (vendor code ${error.vendorCode})` : ""}`;
  switch (error.code) {
    case "seat_unavailable":
      return new DomainError("SEAT_UNAVAILABLE", detail, { seatIds: context.seatIds ?? [] });
    case "showtime_closed":
      return new DomainError("SHOWTIME_CLOSED", detail);
    case "price_rejected":
      return new DomainError("PRICE_CHANGED", detail);
    case "rate_limited":
      return new DomainError("RATE_LIMITED", detail);
    case "refund_refused":
      return new DomainError("REFUND_NOT_ALLOWED", detail);
    case "invalid_request":
    case "not_found":
      return new DomainError("SEAT_RULE_VIOLATION", detail);
    default:
      return new DomainError("VENDOR_UNAVAILABLE", detail);
  }
}

const ruleText: Record<SeatRuleViolation["rule"], string> = {
  unknown_seat: "no such seat in this showtime's hall",
  not_sellable: "seat is not sellable",
  too_many: "too many seats for one order",
  duplicate: "the same seat is listed twice",
  love_seat_split: "love seats are sold as whole pairs",
  single_gap: "the selection would leave a single empty seat",
};

export function seatRuleRefusal(v: SeatRuleViolation, toPublic: (vendorSeatId: string) => string): DomainError {
  if (v.rule === "too_many") {
    return new DomainError("SEAT_RULE_VIOLATION", `${ruleText.too_many}: at most ${v.max}`, {
      rule: v.rule,
      max: v.max,
    });
  }
  if (v.rule === "unknown_seat") {
    return new DomainError("VALIDATION_FAILED", ruleText.unknown_seat, {
      errors: v.seatIds.map((id) => ({ path: "/seatIds", message: `${toPublic(id)}: ${ruleText.unknown_seat}` })),
    });
  }
  if (v.rule === "not_sellable") {
    return new DomainError("SEAT_UNAVAILABLE", ruleText.not_sellable, { seatIds: v.seatIds.map(toPublic) });
  }
  return new DomainError("SEAT_RULE_VIOLATION", ruleText[v.rule], { rule: v.rule, seatIds: v.seatIds.map(toPublic) });
}
