import { XMLParser } from "fast-xml-parser";
import iconv from "iconv-lite";
import { asObject, str, UnreadableAnswer, type Wire } from "../wire/read.js";

/**
 * Reading 鼎新 answers (public-refs §4.1). The default answer is XML
 * `<root><status>1</status><errorMessage/><errorCode/><data>…</data></root>` with lists as repeated
 * `<item>`; with `format=json` it is `{"res":{"status":1,"errorMessage":"","errorCode":"","data":…}}`.
 * Both are read into one shape. Values stay strings (XML has no types; JSON numbers are turned into
 * strings) and are read through the helpers below.
 */
export interface DxEnvelope {
  /** `1` success, `0` failure (CEC DXReplyStatus). */
  status: string;
  errorCode: string;
  errorMessage: string;
  /** Object, list (from repeated `<item>`), string, or undefined. */
  data: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** A charset named in the Content-Type header or the XML declaration (GBK, GB2312, GB18030, UTF-8). */
export function charsetOf(contentType: string | undefined, head: Buffer): string {
  const fromHeader = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? "")?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const decl = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(head.subarray(0, 200).toString("latin1"))?.[1];
  return (decl ?? "utf-8").toLowerCase();
}

/** The answer's text in its declared charset; an unknown charset is read as UTF-8. */
export function decodeBody(bytes: Buffer, contentType?: string): string {
  const charset = charsetOf(contentType, bytes);
  if (charset === "utf-8" || charset === "utf8" || !iconv.encodingExists(charset)) return bytes.toString("utf8");
  return iconv.decode(bytes, charset);
}

/**
 * `<x><item>…</item><item>…</item></x>` is a list; a lone `<item>` is a list of one. Empty tags are "".
 * JSON numbers and booleans become strings so both formats read alike.
 */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "item") {
      const items = (value as { item: unknown }).item;
      return (Array.isArray(items) ? items : [items]).map(normalize);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalize(v);
    return out;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value ?? "";
}

/** Parses an XML or JSON answer into the envelope; throws UnreadableAnswer for anything else (an HTML page, …). */
export function parseEnvelope(text: string): DxEnvelope {
  const t = text.replace(/^\uFEFF/, "").trim();
  let root: unknown;
  if (t.startsWith("{")) {
    try {
      root = (JSON.parse(t) as { res?: unknown }).res;
    } catch {
      throw new UnreadableAnswer("malformed JSON");
    }
  } else if (t.startsWith("<")) {
    if (/^<(!doctype\s+html|html)/i.test(t)) throw new UnreadableAnswer("an HTML page instead of XML");
    let doc: Record<string, unknown>;
    try {
      doc = parser.parse(t, true) as Record<string, unknown>;
    } catch {
      throw new UnreadableAnswer("malformed XML");
    }
    root = doc.root;
  } else {
    throw new UnreadableAnswer("neither XML nor JSON");
  }
  if (!root || typeof root !== "object" || Array.isArray(root)) throw new UnreadableAnswer("no <root> / res");
  const r = normalize(root) as Wire;
  const status = str(r, "status");
  if (status === undefined) throw new UnreadableAnswer("no status");
  return { status, errorCode: str(r, "errorCode") ?? "", errorMessage: str(r, "errorMessage") ?? "", data: r.data };
}

/** The value as an object (not a list); undefined otherwise. */
export const obj = asObject;

/** A list field: a real list, one object standing alone, or nothing. */
export function list(value: unknown): Wire[] {
  if (Array.isArray(value)) return value.filter((x): x is Wire => !!x && typeof x === "object" && !Array.isArray(x));
  const one = obj(value);
  return one && Object.keys(one).length > 0 ? [one] : [];
}
