import type { FastifyError, FastifyInstance } from "fastify";
import { ApiError, type FieldError, type ProblemCode, problemBody } from "../problem.js";

/**
 * Fastify's own client-error codes and what they mean in our vocabulary. API.md lists one code for
 * bad input, so an oversized or non-JSON body is VALIDATION_FAILED 400 like malformed JSON; the
 * detail and `errors` say which.
 */
const fastifyCodes: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "VALIDATION_FAILED",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "VALIDATION_FAILED",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "VALIDATION_FAILED",
  FST_ERR_CTP_EMPTY_JSON_BODY: "VALIDATION_FAILED",
  FST_ERR_CTP_INVALID_JSON_BODY: "VALIDATION_FAILED",
  FST_ERR_VALIDATION: "VALIDATION_FAILED",
  FST_ERR_RATE_LIMIT: "RATE_LIMITED",
};

/**
 * Every error leaves as RFC 9457 problem+json with a stable code. Unknown errors become INTERNAL
 * with no internals in the body; they are logged with the request id so support can find them.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
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
    } else if (error.code && fastifyCodes[error.code]) {
      code = fastifyCodes[error.code]!;
      detail = error.message;
      if (code === "VALIDATION_FAILED") extra = { errors: [{ path: "", message: error.message }] };
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
