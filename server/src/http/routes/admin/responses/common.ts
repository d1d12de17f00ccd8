import { type TLiteral, type TSchema, type TUnion, Type } from "@sinclair/typebox";
import { vendorErrorCodes } from "../../../../domain/errors.js";

/** Response schemas shared by the admin routes (the console's API); each route file names its own. */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A closed set of strings, kept as literals so the generated console types name them. */
export const Literals = <const L extends string>(values: readonly L[]): TUnion<TLiteral<L>[]> =>
  Type.Union(values.map((v) => Type.Literal(v)));

export const ItemsOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** The problem+json body (http/problem.ts) answered for a status. */
const problem = Type.Ref("Problem");

/** What every admin route may answer besides success: bad input, no session, wrong role, not found. */
export const AdminErrors = { 400: problem, 401: problem, 403: problem, 404: problem };
/** A change refused because of the current state (CONFLICT, ORDER_STATE_CONFLICT, …). */
export const ConflictError = { 409: problem };
/** A live call to the cinema's system that could not be made. */
export const VendorUnavailableError = { 503: problem };
export const RateLimitedError = { 429: problem };

export const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const VendorError = Type.Object({
  code: Literals(vendorErrorCodes),
  vendorCode: Type.Optional(Type.String()),
  message: Type.String(),
  callId: Type.Optional(Type.String()),
});

/** "ok" or the standard error code the transport or connector gave a call. */
export const CallOutcome = Literals(["ok", ...vendorErrorCodes]);

/** One recorded wire call as the call recorder keeps it (masked; times in epoch ms). */
export const VendorCallRecord = Type.Object({
  id: Type.String(),
  vendor: Type.String(),
  accountId: Type.String(),
  call: Type.String(),
  startedAt: Type.Number(),
  durationMs: Type.Number(),
  outcome: CallOutcome,
  httpStatus: Type.Optional(Type.Integer()),
  vendorCode: Type.Optional(Type.String()),
  request: Type.String(),
  response: Type.String(),
});
