import { gzipSync } from "node:zlib";
import { XMLBuilder } from "fast-xml-parser";
import iconv from "iconv-lite";

/**
 * 鼎新 answers (public-refs §4.1): XML `<root><status/><errorMessage/><errorCode/><data/></root>` by
 * default, lists as repeated `<item>`; `format=json` gives `{"res":{…}}`. The charset is UTF-8
 * unless a test asks for GBK (the connector must read what the answer declares); the answer is
 * gzip-encoded when the client accepts it (PHP-DX and JC both gunzip).
 */
export type DxFormat = "xml" | "json";
export type DxCharset = "utf-8" | "gbk";

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });

function xmlShape(value: unknown): unknown {
  if (Array.isArray(value)) return { item: value.map(xmlShape) };
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlShape(v)]));
  }
  return value ?? "";
}

export interface Rendered {
  body: Buffer;
  contentType: string;
}

export function render(
  format: DxFormat,
  charset: DxCharset,
  res: { status: 0 | 1; errorCode: string; errorMessage: string; data: unknown },
): Rendered {
  const text =
    format === "json"
      ? JSON.stringify({ res })
      : `<?xml version="1.0" encoding="${charset === "gbk" ? "GBK" : "UTF-8"}"?>\n${builder.build({ root: xmlShape(res) }) as string}`;
  const type = format === "json" ? "application/json" : "text/xml";
  return {
    body: charset === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8"),
    contentType: `${type}; charset=${charset === "gbk" ? "GBK" : "utf-8"}`,
  };
}

export const success = (data: unknown) => ({ status: 1 as const, errorCode: "", errorMessage: "", data });
export const failure = (errorCode: string, errorMessage: string) => ({
  status: 0 as const,
  errorCode,
  errorMessage,
  data: "",
});

export function maybeGzip(body: Buffer, acceptEncoding: string | undefined): { body: Buffer; gzip: boolean } {
  return /\bgzip\b/.test(acceptEncoding ?? "") ? { body: gzipSync(body), gzip: true } : { body, gzip: false };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `yyyy-MM-dd HH:mm:ss` China time. */
export function chinaDateTime(t: number): string {
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Fen → yuan text with two decimals. */
export const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

/** Yuan text ("35", "35.5", "35.50") → fen; undefined when it is not money. */
export function fenOf(text: string): number | undefined {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : undefined;
}
