import { XMLBuilder } from "fast-xml-parser";

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });

export const XML_TYPE = "text/xml; charset=utf-8";

/**
 * The XML flavour's reply (public-refs §8.1): a document whose root is `{X}Result` with
 * `ResultCode` first. Lists are written as the refs show them, e.g. `Cinemas/Cinema[]`.
 */
export function renderXml(root: string, fields: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root]: fields }) as string}`;
}

/** Yuan with two decimals, as prices appear on the wire ("35.00"). */
export const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

/** A yuan amount sent by the partner ("35", "35.0", "35.00") as fen; undefined when it is not one. */
export function parseYuan(text: string): number | undefined {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}
