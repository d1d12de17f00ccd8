import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { ApiError } from "./problem.js";

/** The `Idempotency-Key` header of API.md's creating calls (orders, card orders): printable ASCII, ≤ 64. */
export const IdempotencyHeaders = Type.Object({
  "idempotency-key": Type.String({ minLength: 1, maxLength: 64, pattern: "^[\\x21-\\x7e]+$" }),
});

export function idempotencyKeyOf(req: FastifyRequest): string {
  const key = req.headers["idempotency-key"];
  if (typeof key !== "string") throw new ApiError("VALIDATION_FAILED", "Idempotency-Key header is required");
  return key;
}
