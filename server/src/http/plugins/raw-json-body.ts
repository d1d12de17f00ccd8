import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../problem.js";

declare module "fastify" {
  interface FastifyRequest {
    rawBody?: Buffer;
    /** Set when the JSON body did not parse; reported only once the caller is authenticated. */
    bodyParseError?: string;
  }
}

/**
 * JSON bodies are kept as exact bytes (the channel signature covers them) and parsed leniently:
 * a parse failure is remembered instead of thrown, so an unauthenticated caller gets 401 rather
 * than a hint about our parser. Each auth scope calls `rejectUnparsedBody` once it trusts the caller.
 */
export function registerRawJsonBody(app: FastifyInstance): void {
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (req, body: Buffer, done) => {
    req.rawBody = body;
    if (body.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(body.toString("utf8")));
    } catch {
      req.bodyParseError = "request body is not valid JSON";
      done(null, undefined);
    }
  });
}

/**
 * For a scope whose signature covers the body: JSON is the only body it parses. The signature is
 * checked over the bytes this parser keeps; any other parser (Fastify's text/plain, say) would hand
 * the route a body the signature never covered. Any other content type is refused with 400.
 */
export function acceptOnlyJsonBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  registerRawJsonBody(scope);
}

export function rejectUnparsedBody(req: FastifyRequest): void {
  if (req.bodyParseError) {
    throw new ApiError("VALIDATION_FAILED", req.bodyParseError, {
      errors: [{ path: "/body", message: req.bodyParseError }],
    });
  }
}
