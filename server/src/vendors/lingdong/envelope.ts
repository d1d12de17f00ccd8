import { XMLParser } from "fast-xml-parser";

export type LingdongFormat = "xml" | "json";

/** A parsed answer: `code`, then `data` (success) or `error` (failure), arrays already unwrapped. */
export interface Envelope {
  code: number;
  data: Record<string, unknown>;
  param?: Record<string, unknown>;
  error?: { message: string; type: string };
}

const xml = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  // Codes like "001" and prices like "35.00" stay strings, as in the JSON form.
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "item",
});

/**
 * XML lists are `<cities><item>…</item><item>…</item></cities>` (doc 004 cities example): any element
 * whose only child is `item` becomes an array, so XML and JSON answers read the same.
 */
function unwrapItems(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapItems);
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === "item") {
      const items = entries[0]![1];
      return (Array.isArray(items) ? items : [items]).map(unwrapItems);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, unwrapItems(v)]));
  }
  return value;
}

const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Parses either format (whatever was asked, the body says which it is); throws on anything else. */
export function parseEnvelope(body: string): Envelope {
  const text = body.trim().replace(/^\uFEFF/, "");
  let root: Record<string, unknown>;
  if (text.startsWith("<")) {
    const doc = asObject(xml.parse(text, true));
    if (!("response" in doc)) throw new Error("XML answer without <response>");
    root = asObject(unwrapItems(doc.response));
  } else {
    root = asObject(JSON.parse(text));
  }
  const code = Number(String(root.code ?? "").trim());
  if (!Number.isInteger(code) || code <= 0) throw new Error("answer without a numeric code");
  const err = root.error === undefined ? undefined : asObject(root.error);
  return {
    code,
    data: asObject(root.data),
    ...(root.param !== undefined ? { param: asObject(root.param) } : {}),
    ...(err ? { error: { message: String(err.message ?? ""), type: String(err.type ?? "") } } : {}),
  };
}
