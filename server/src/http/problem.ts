import { Type } from "@sinclair/typebox";

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
