/**
 * The refusals the order and operations services raise, as one closed vocabulary. The codes carry
 * API.md's names because those names are a contract that is never renamed and because refusals
 * stored for idempotent replays (idempotency_keys) already hold them; what a code becomes on the
 * wire (problem code, HTTP status, title) is decided at the HTTP edge, in one table
 * (http/domain-problems.ts). Nothing here knows about HTTP.
 *
 * `transient`: the same request may well succeed later, so it is not a final answer (an idempotent
 * request's key is released for a retry instead of storing the refusal).
 */
const CODES = {
  NOT_FOUND: { transient: false, meaning: "no such thing, or the caller may not see it" },
  VALIDATION_FAILED: { transient: false, meaning: "the input breaks a rule the caller can fix" },
  SHOWTIME_CLOSED: { transient: false, meaning: "the showtime is off sale or past its stop-selling time" },
  SEAT_UNAVAILABLE: { transient: false, meaning: "a seat is held, sold or not sellable" },
  SEAT_RULE_VIOLATION: { transient: false, meaning: "the seat selection breaks a seat rule" },
  PRICE_CHANGED: { transient: false, meaning: "the price is not the one the caller expected" },
  ORDER_STATE_CONFLICT: { transient: false, meaning: "the order's state does not allow this" },
  CONFLICT: { transient: false, meaning: "something outside the order stands in the way" },
  IDEMPOTENCY_KEY_REUSED: { transient: false, meaning: "the key was used with another request" },
  REFUND_NOT_ALLOWED: { transient: false, meaning: "the cinema's rules refuse the refund" },
  RATE_LIMITED: { transient: true, meaning: "the vendor asks us to slow down" },
  VENDOR_UNAVAILABLE: { transient: true, meaning: "the cinema's system cannot answer now" },
  MEMBER_CARD_INVALID: { transient: false, meaning: "no such member card, or it is lost, cancelled or expired" },
  MEMBER_CARD_PASSWORD_WRONG: { transient: false, meaning: "the vendor refused the card's password" },
  INSUFFICIENT_BALANCE: { transient: false, meaning: "the card's balance does not cover its part" },
  GOODS_UNAVAILABLE: { transient: false, meaning: "a concession is off sale or out of stock" },
} as const satisfies Record<string, { transient: boolean; meaning: string }>;

export type DomainErrorCode = keyof typeof CODES;

export const DOMAIN_ERROR_CODES = Object.keys(CODES) as DomainErrorCode[];

export function isTransient(code: DomainErrorCode): boolean {
  return CODES[code].transient;
}

export function isDomainErrorCode(code: unknown): code is DomainErrorCode {
  return typeof code === "string" && Object.hasOwn(CODES, code);
}

/**
 * An expected refusal of a domain operation, thrown from orders/ and ops/. `detail` is the
 * explanation the caller reads; `extra` holds structured fields (seatIds, rule, reason …) that
 * travel with it unchanged.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? CODES[code].meaning);
    this.name = "DomainError";
  }
}
