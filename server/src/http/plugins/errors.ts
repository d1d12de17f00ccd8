import type { FastifyError, FastifyInstance } from "fastify";
import { UnstorableTextError } from "../../db/storable-text.js";
import { DomainError } from "../../domain/domain-error.js";
import { ApiError, type FieldError, type ProblemCode, problemBody, problemOf } from "../problem.js";
import { mapFrameworkError } from "./framework-errors.js";

/**
 * Every error leaves as RFC 9457 problem+json with a stable code. Unknown errors become INTERNAL
 * with no internals in the body; they are logged with the request id so support can find them.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((thrown: FastifyError | ApiError | DomainError, request, reply) => {
    // Domain refusals (orders/, ops/) cross the edge here, through problem.ts's one table.
    const error = thrown instanceof DomainError ? problemOf(thrown) : thrown;
    let code: ProblemCode;
    let detail: string | undefined;
    let extra: Record<string, unknown> = {};
    if (error instanceof ApiError) {
      code = error.code;
      detail = error.detail;
      extra = error.extra;
    } else if ("validation" in error && error.validation) {
      code = "VALIDATION_FAILED";
      const errors: FieldError[] = error.validation.map((v) => ({
        path: `${error.validationContext ?? ""}${v.instancePath}`,
        message: v.message ?? "invalid",
      }));
      detail = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
      extra = { errors };
    } else if (error instanceof UnstorableTextError) {
      // The edge refuses such text (plugins/validation.ts); this is the database layer's own guard.
      code = "VALIDATION_FAILED";
      detail = error.message;
      extra = { errors: [{ path: error.path, message: error.message }] };
    } else if (mapFrameworkError(error.code)) {
      const mapped = mapFrameworkError(error.code)!;
      code = mapped.code;
      detail = mapped.detail;
      if (mapped.errors) extra = { errors: mapped.errors };
    } else if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
      code = error.statusCode === 429 ? "RATE_LIMITED" : error.statusCode === 404 ? "NOT_FOUND" : "VALIDATION_FAILED";
      detail = error.message;
    } else {
      code = "INTERNAL";
      request.log.error({ err: error }, "unhandled error");
    }
    const body = problemBody(code, request.id, detail, extra);
    return reply.code(body.status).type("application/problem+json").send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body = problemBody("NOT_FOUND", request.id, `no route for ${request.method} ${request.url.split("?")[0]}`);
    return reply.code(404).type("application/problem+json").send(body);
  });
}
