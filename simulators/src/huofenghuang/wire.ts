import { XMLBuilder } from "fast-xml-parser";
import iconv from "iconv-lite";
import { escapeXml } from "../core/xml-text.js";
import { CHINA_OFFSET_MS, chinaDateString, chinaMinuteOfDay } from "../dataset/china-time.js";

/**
 * 火凤凰 answers (public-refs §5.1): an ASP.NET string wrapper whose text is an XML document,
 * usually `<data version="1.0" result="0" message="…">`; some calls answer inside their own element
 * (`<seatLock><result>`, `<bookingCancel result=…>`, `<ticketPrint><result>`). Attributes are built
 * from `@name` keys. The inner document is declared GB2312 as some real replies are; the outer body
 * is UTF-8 unless a test asks for GB2312 (then the whole body is encoded so, and declared).
 */
export type HfhCharset = "utf-8" | "gb2312";

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  format: false,
  suppressEmptyNode: true,
});

/** The inner document text. */
export function innerXml(root: string, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="GB2312"?>${builder.build({ [root]: body }) as string}`;
}

export function wrap(inner: string, charset: HfhCharset): { body: Buffer; contentType: string } {
  const decl = charset === "gb2312" ? "gb2312" : "utf-8";
  const text = `<?xml version="1.0" encoding="${decl}"?>\n<string xmlns="http://tempuri.org/">${escapeXml(inner)}</string>`;
  return {
    body: charset === "gb2312" ? iconv.encode(text, "gb2312") : Buffer.from(text, "utf8"),
    contentType: `text/xml; charset=${decl}`,
  };
}

/** `<data version="1.0" result="0" message="成功">…</data>`. */
export const dataOk = (content: Record<string, unknown> = {}) => ({
  root: "data",
  body: { "@version": "1.0", "@result": "0", "@message": "成功", ...content },
});

export const dataFail = (result: string, message: string) => ({
  root: "data",
  body: { "@version": "1.0", "@result": result, "@message": message },
});

export interface HfhAnswer {
  root: string;
  body: Record<string, unknown>;
}

/** `yyyy-MM-dd` China date. */
export const chinaDate = chinaDateString;

/** `HHmm` with the leading zero dropped (§5.2: 205 = 02:05). */
export function showTimeText(t: number): string {
  const m = chinaMinuteOfDay(t);
  return String(Math.floor(m / 60) * 100 + (m % 60));
}

/** `yyyy-MM-dd HH:mm:ss` China time. */
export const chinaDateTime = (t: number): string =>
  new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");

/** `yyyy-MM-dd[ HH:mm[:ss]]` China time → epoch ms; undefined when unreadable. */
export function parseChinaDateTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - CHINA_OFFSET_MS;
}

/** Fen → yuan text with two decimals. */
export const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

/** Yuan text → fen; undefined when it is not money. */
export function fenOf(text: string): number | undefined {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : undefined;
}
