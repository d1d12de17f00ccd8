import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type FieldError, type ProblemCode, problemBody } from "../problem.js";

interface Mapped {
  code: ProblemCode;
  detail: string;
  errors?: FieldError[];
}

const invalid = (path: string, message: string): Mapped => ({
  code: "VALIDATION_FAILED",
  detail: message,
  errors: [{ path, message }],
});

/**
 * Fastify's own errors about a request, in the contract's vocabulary (API.md: one code for bad
 * input, VALIDATION_FAILED 400, whatever status Fastify would have used — 413, 414, 415, 431).
 * Undefined for codes that are not about the request.
 */
export function mapFrameworkError(code: string | undefined): Mapped | undefined {
  switch (code) {
    case "FST_ERR_BAD_URL":
    case "FST_ERR_INVALID_URL":
      return invalid("url", "the URL is not valid percent-encoded UTF-8");
    case "FST_ERR_MAX_PARAM_LENGTH":
      // Longer than any id this platform issues, so nothing is there (issue 21: was a bare 414).
      return { code: "NOT_FOUND", detail: "no resource has an id this long" };
    case "FST_ERR_NOT_FOUND":
      return { code: "NOT_FOUND", detail: "not found" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_ROUTE_MISSING_CONTENT_TYPE":
      return invalid("headers/content-type", "unsupported media type: a request body must be application/json");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return invalid("body", "the request body is too large");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return invalid("headers/content-length", "the body's size does not match Content-Length");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_ROUTE_MISSING_CONTENT":
      return invalid("body", "the request body is empty");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return invalid("body", "request body is not valid JSON");
    default:
      return undefined;
  }
}

/**
 * Fastify's `frameworkErrors` option: the errors raised while routing, before any route (and so
 * before the error handler) is reached — a URL that does not decode, a path parameter over
 * `maxParamLength`.
 */
export function onFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const mapped = mapFrameworkError(error.code) ?? { code: "INTERNAL" as const, detail: undefined };
  if (mapped.code === "INTERNAL") request.log.error({ err: error }, "unhandled framework error");
  const extra = "errors" in mapped && mapped.errors ? { errors: mapped.errors } : {};
  const body = problemBody(mapped.code, request.id, mapped.detail, extra);
  void reply.code(body.status).header("x-request-id", request.id).type("application/problem+json").send(body);
}

/**
 * Node's `clientError`: a request the HTTP parser refused (headers over the size limit, bytes that
 * are not HTTP, a request not received in time). There is no request object yet, so the answer is
 * written to the socket by hand — still problem+json with a request id.
 */
export function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const message =
    err.code === "HPE_HEADER_OVERFLOW"
      ? "the request headers are too large"
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? "the request was not received in time"
        : "the request is not valid HTTP";
  const path = err.code === "HPE_HEADER_OVERFLOW" ? "headers" : "request";
  const requestId = randomUUID();
  // A request not received in time is 408 (RFC 9110 §15.5.9), what proxies and clients expect to retry;
  // the contract code stays VALIDATION_FAILED, as API.md has no timeout code.
  const timedOut = err.code === "ERR_HTTP_REQUEST_TIMEOUT";
  const problem = problemBody("VALIDATION_FAILED", requestId, message, { errors: [{ path, message }] });
  const body = JSON.stringify(timedOut ? { ...problem, status: 408 } : problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${timedOut ? "408 Request Timeout" : "400 Bad Request"}\r\nConnection: close\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `X-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
