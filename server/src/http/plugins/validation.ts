import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { fullFormats } from "ajv-formats/dist/formats.js";
import type { FastifyInstance } from "fastify";
import { findUnstorableText } from "../../db/storable-text.js";

/** ajv-formats' own check of a format (its "full" formats are all definitions with a validate function). */
const standard = (name: "date" | "date-time") => (fullFormats[name] as { validate: (s: string) => boolean }).validate;
const standardDateTime = standard("date-time");
const standardDate = standard("date");

/**
 * RFC 3339 allows a leap second (`23:59:60Z`), but neither JavaScript's Date nor PostgreSQL can
 * hold one: `new Date()` of it is Invalid Date and reached the database as a 500. A time this API
 * accepts is one both can represent.
 */
function dateTime(s: string): boolean {
  return standardDateTime(s) && !Number.isNaN(Date.parse(s));
}

/** A calendar date PostgreSQL can store: it has no year 0. */
function date(s: string): boolean {
  return standardDate(s) && !s.startsWith("0000");
}

/**
 * The one rule for text in every request part of every route (issue 21): no NUL byte and no lone
 * surrogate in any string or property name. PostgreSQL refuses the first (a 500, and in a batched
 * statement the failure of other callers' requests) and cannot represent the second. Checked
 * before the route's own schema, reported like any schema error: 400 VALIDATION_FAILED naming the
 * field ("params/id", "body/seatIds/0").
 */
function withStorableText(validate: ValidateFunction): ValidateFunction {
  const wrapped = ((data: unknown, ctx?: unknown) => {
    const bad = findUnstorableText(data);
    if (bad) {
      const error: ErrorObject = {
        keyword: "storableText",
        instancePath: bad.path,
        schemaPath: "#/storableText",
        params: { reason: bad.reason },
        message: `must not contain a ${bad.reason}`,
      };
      wrapped.errors = [error];
      return false;
    }
    const ok = (validate as (d: unknown, c?: unknown) => boolean)(data, ctx);
    wrapped.errors = validate.errors;
    return ok;
  }) as ValidateFunction;
  // Fastify passes the parent object (so Ajv may coerce the root) only to validators that have one.
  wrapped.schemaEnv = validate.schemaEnv;
  wrapped.schema = validate.schema;
  return wrapped;
}

/**
 * Query strings, params and headers arrive as text, so they are coerced ("2" → 2). Bodies are
 * JSON and must already have the right types: coercing them would quietly accept `{"code": 42}`
 * for a string field.
 */
export function registerValidation(app: FastifyInstance): void {
  const make = (coerceTypes: false | "array") => {
    const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: true, strict: false });
    addFormats.default(ajv);
    ajv.addFormat("date-time", { type: "string", validate: dateTime });
    ajv.addFormat("date", { type: "string", validate: date });
    return ajv;
  };
  const forText = make("array");
  const forBody = make(false);
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === "body" ? forBody : forText;
    return withStorableText(ajv.compile(schema) as ValidateFunction);
  });
}
