import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import type { FastifyInstance } from "fastify";

/**
 * Query strings, params and headers arrive as text, so they are coerced ("2" → 2). Bodies are
 * JSON and must already have the right types: coercing them would quietly accept `{"code": 42}`
 * for a string field.
 */
export function registerValidation(app: FastifyInstance): void {
  const make = (coerceTypes: false | "array") => {
    const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: true, strict: false });
    addFormats.default(ajv);
    return ajv;
  };
  const forText = make("array");
  const forBody = make(false);
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === "body" ? forBody : forText;
    return ajv.compile(schema) as ValidateFunction;
  });
}
