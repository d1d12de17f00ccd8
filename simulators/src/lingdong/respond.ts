import { XMLBuilder } from "fast-xml-parser";

export type LingdongFormat = "xml" | "json";

export interface Rendered {
  body: string;
  contentType: string;
}

const builder = new XMLBuilder({ format: true, indentBy: "    ", suppressEmptyNode: false });

/** Arrays become `<name><item>…</item>…</name>`, as in the cities example. */
function xmlShape(value: unknown): unknown {
  if (Array.isArray(value)) return { item: value.map(xmlShape) };
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlShape(v)]));
  }
  return value;
}

/** PHP's json_encode style: non-ASCII characters as \uXXXX, as in the cities example. */
function phpJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function render(format: LingdongFormat, response: Record<string, unknown>): Rendered {
  if (format === "json") return { body: phpJson(response), contentType: "application/json; charset=utf-8" };
  const xml = builder.build({ response: xmlShape(response) }) as string;
  return { body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, contentType: "text/xml; charset=utf-8" };
}

/** Success: `{code, data}` (and `param` when a call has extra parameters to return). */
export function renderSuccess(
  format: LingdongFormat,
  code: number,
  data: Record<string, unknown>,
  param?: Record<string, unknown>,
): Rendered {
  return render(format, param ? { code, data, param } : { code, data });
}

/** Error: `{code, error: {message, type}}`. */
export function renderError(format: LingdongFormat, code: number, message: string, type: string): Rendered {
  return render(format, { code, error: { message, type } });
}
