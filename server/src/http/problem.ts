import { Type } from "@sinclair/typebox";
import type { DomainError, DomainErrorCode } from "../domain/domain-error.js";

/**
 * The stable error vocabulary of the public API (shared/API.md). Codes are part of the contract:
 * add new ones, never rename.
 */
export const problemStatus = {
  UNAUTHENTICATED: 401,
  BAD_SIGNATURE: 401,
  REPLAYED_REQUEST: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  SHOWTIME_CLOSED: 409,
  SEAT_UNAVAILABLE: 409,
  SEAT_RULE_VIOLATION: 409,
  PRICE_CHANGED: 409,
  ORDER_STATE_CONFLICT: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  REFUND_NOT_ALLOWED: 409,
  MEMBER_CARD_INVALID: 404,
  MEMBER_CARD_PASSWORD_WRONG: 422,
  INSUFFICIENT_BALANCE: 422,
  GOODS_UNAVAILABLE: 409,
  RATE_LIMITED: 429,
  VENDOR_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ProblemCode = keyof typeof problemStatus;

const titles: Record<ProblemCode, string> = {
  UNAUTHENTICATED: "Authentication required",
  BAD_SIGNATURE: "Signature does not match",
  REPLAYED_REQUEST: "Request replayed or stale",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  VALIDATION_FAILED: "Request validation failed",
  SHOWTIME_CLOSED: "Showtime closed for sale",
  SEAT_UNAVAILABLE: "Seat unavailable",
  SEAT_RULE_VIOLATION: "Seat selection breaks a rule",
  PRICE_CHANGED: "Price changed",
  ORDER_STATE_CONFLICT: "Order state does not allow this",
  CONFLICT: "Conflict",
  IDEMPOTENCY_KEY_REUSED: "Idempotency key reused with a different request",
  REFUND_NOT_ALLOWED: "Refund not allowed",
  MEMBER_CARD_INVALID: "Member card not usable",
  MEMBER_CARD_PASSWORD_WRONG: "Member card password wrong",
  INSUFFICIENT_BALANCE: "Insufficient card balance",
  GOODS_UNAVAILABLE: "Concession unavailable",
  RATE_LIMITED: "Too many requests",
  VENDOR_UNAVAILABLE: "Cinema system unavailable",
  INTERNAL: "Internal error",
};

export interface FieldError {
  path: string;
  message: string;
}

/** An expected failure the API reports as problem+json. Throw it from handlers and hooks. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? titles[code]);
    this.status = problemStatus[code];
  }
}

/**
 * How a domain refusal crosses the edge: the one table from domain codes to API.md problem codes
 * (the status and title come with the problem code, above). The names coincide today; a new domain
 * code must be given its public code here, or the build fails.
 */
const problemOfDomain: Record<DomainErrorCode, ProblemCode> = {
  NOT_FOUND: "NOT_FOUND",
  VALIDATION_FAILED: "VALIDATION_FAILED",
  SHOWTIME_CLOSED: "SHOWTIME_CLOSED",
  SEAT_UNAVAILABLE: "SEAT_UNAVAILABLE",
  SEAT_RULE_VIOLATION: "SEAT_RULE_VIOLATION",
  PRICE_CHANGED: "PRICE_CHANGED",
  ORDER_STATE_CONFLICT: "ORDER_STATE_CONFLICT",
  CONFLICT: "CONFLICT",
  IDEMPOTENCY_KEY_REUSED: "IDEMPOTENCY_KEY_REUSED",
  REFUND_NOT_ALLOWED: "REFUND_NOT_ALLOWED",
  RATE_LIMITED: "RATE_LIMITED",
  VENDOR_UNAVAILABLE: "VENDOR_UNAVAILABLE",
  MEMBER_CARD_INVALID: "MEMBER_CARD_INVALID",
  MEMBER_CARD_PASSWORD_WRONG: "MEMBER_CARD_PASSWORD_WRONG",
  INSUFFICIENT_BALANCE: "INSUFFICIENT_BALANCE",
  GOODS_UNAVAILABLE: "GOODS_UNAVAILABLE",
};

/** A domain refusal as the API reports it: same detail and fields, the public code and status. */
export function problemOf(error: DomainError): ApiError {
  return new ApiError(problemOfDomain[error.code], error.detail, error.extra);
}

export function problemBody(
  code: ProblemCode,
  requestId: string,
  detail?: string,
  extra: Record<string, unknown> = {},
) {
  return {
    type: `https://cinegate.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: titles[code],
    status: problemStatus[code],
    code,
    ...(detail ? { detail } : {}),
    requestId,
    ...extra,
  };
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: "Problem", additionalProperties: true },
);
