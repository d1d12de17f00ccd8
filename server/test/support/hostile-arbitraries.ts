import fc from "fast-check";

/**
 * Generators of hostile and careless request parts (issue 21's probe, made repeatable): NUL bytes,
 * lone surrogates, leap seconds, impossible dates, huge numbers, deep nesting, long ids, wrong
 * types — mixed with values shaped like what the route expects, so the hostile ones reach fields
 * past the first type check.
 */

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "ord_\u0000x",
    "\ud800",
    "x\udfff",
    "\udc00\ud800",
    "2016-12-31T23:59:60Z",
    "2017-01-01T07:59:60+08:00",
    "2016-02-30",
    "0000-01-01",
    "9999-99-99",
    "2026-11-22T19:30:00+08:00",
    "",
    " ",
    "..",
    "%00",
    "null",
    "-1",
    "1e400",
    "NaN",
    "🎬",
    "'; drop table orders; --",
    "\\",
    '"',
    "a".repeat(65),
    "a".repeat(101),
    "x".repeat(300),
  ),
  fc.tuple(fc.string({ maxLength: 8 }), loneSurrogate, fc.string({ maxLength: 8 })).map(([a, s, b]) => a + s + b),
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.string({ maxLength: 12 }),
);

const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 64, Number.MAX_SAFE_INTEGER + 2, -0, 0.5, -1, 1e21);

/** Any JSON value, hostile at the leaves. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hugeNumber,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 3 }),
  ),
})).value;

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
};

/** Values shaped by an OpenAPI schema, any of whose parts may be swapped for a hostile one. */
export function shapedBy(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return hostileJson;
  const variants = [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (variants.length > 0) {
    // An intersection is an object with the properties of all its parts.
    const properties = Object.assign({}, schema.properties, ...variants.map((v) => v.properties ?? {}));
    if (Object.keys(properties).length > 0) return shapedBy({ type: "object", properties }, depth);
    return fc.oneof(...variants.map((v) => shapedBy(v, depth + 1)), hostileJson);
  }
  let shaped: fc.Arbitrary<unknown>;
  if (schema.const !== undefined) shaped = fc.constant(schema.const);
  else if (schema.enum) shaped = fc.constantFrom(...schema.enum);
  else if (schema.type === "object" || schema.properties) {
    const props = Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([k, s]) => [k, shapedBy(s, depth + 1)]),
    );
    shaped = fc.record(props, { requiredKeys: [] });
  } else if (schema.type === "array") shaped = fc.array(shapedBy(schema.items, depth + 1), { maxLength: 3 });
  else if (schema.type === "integer" || schema.type === "number")
    shaped = fc.oneof(fc.integer({ min: 0, max: 500 }), hugeNumber);
  else if (schema.type === "boolean") shaped = fc.boolean();
  else shaped = fc.oneof(fc.constantFrom("x", "ord_1", "cin_1", "sho_1", "13800000000"), fc.string({ maxLength: 10 }));
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 2, arbitrary: hostileJson });
}

/** A request body as sent: JSON of a value, or text that is JSON only in part (or not at all). */
export function hostileBody(schema: Schema | undefined): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 6, arbitrary: shapedBy(schema).map((v) => JSON.stringify(v) ?? "null") },
    fc.integer({ min: 1, max: 1500 }).map((d) => "[".repeat(d) + "]".repeat(d)),
    fc.integer({ min: 1, max: 600 }).map((d) => '{"a":'.repeat(d) + "1" + "}".repeat(d)),
    fc.constantFrom('{"a":"\\ud800"}', '{"\\u0000":1}', "{oops", "", "null", "1e400", '"\\udfff"', "[]"),
    fc.constant(undefined),
  );
}

/** Latin-1 text a client can put in a header (no control characters; fetch refuses them). */
export const hostileHeader = fc.oneof(
  fc.string({
    unit: fc
      .integer({ min: 0x21, max: 0xff })
      .filter((c) => c < 0x7f || c > 0x9f)
      .map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 100,
  }),
  fc.constantFrom("x".repeat(65), "key with spaces", "é"),
);

/**
 * Percent-encodes a path segment or query part byte for byte, also where the text has a lone
 * surrogate (written as its 3 "WTF-8" bytes, which no UTF-8 decoder accepts), so the server gets
 * exactly these bytes and the URL parser changes nothing the signature covers.
 */
export function encodeComponent(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    } else {
      out += encodeURIComponent(s[i]!).replace(/[.!'()*~]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`);
    }
  }
  return out;
}
