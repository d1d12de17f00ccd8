import { XMLParser } from "fast-xml-parser";
import iconv from "iconv-lite";
import type { Result } from "../../domain/errors.js";
import { failed, type SentCall, unreadableCode } from "./call.js";
import { asObject, UnreadableAnswer, type Wire } from "./read.js";

/**
 * Reading answers that are one plain XML document (1905's `<…Result>`, 火烈鸟 5.0's `<reply>`).
 * Every value is kept as text (codes like "0", seat numbers like "1001" and prices like "35.0" must
 * not become numbers), and lists are read through `items`, since XML cannot tell a one-element list
 * from a single child.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
});

/** The document's root element name and content; undefined when the text is not an XML document. */
export function parseReply(text: string): { root: string; body: Wire } | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith("<") || /^<!doctype html|^<html/i.test(trimmed)) return undefined;
  let doc: unknown;
  try {
    doc = parser.parse(trimmed, true);
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== "object") return undefined;
  const roots = Object.entries(doc as Record<string, unknown>);
  if (roots.length !== 1) return undefined;
  const [root, body] = roots[0]!;
  if (body === "" || body === null) return { root, body: {} };
  return body && typeof body === "object" && !Array.isArray(body) ? { root, body: body as Wire } : undefined;
}

/** True when the page is an HTML error page rather than a reply (gateways, web servers). */
export const isHtml = (text: string): boolean => /^\s*(<!doctype html|<html)/i.test(text);

/**
 * The parse step for a form-posted call answered by one XML document: the HTTP status first (429
 * rate limited, 404 a base URL that names no such call, anything but 200 the vendor failing), then
 * the document. A failing Result has ended the call's recording; `label` names the vendor in the
 * messages, `what` the call and `where` its address.
 */
export function readXmlAnswer(
  sent: SentCall,
  sideEffect: boolean | undefined,
  label: string,
  what: string,
  where: string = what,
): Result<{ root: string; body: Wire }> {
  if (sent.status === 429) {
    return failed(sent, {
      code: "rate_limited",
      vendorCode: "http_429",
      message: `${label} refused ${what}: too many calls`,
    });
  }
  if (sent.status === 404) {
    return failed(sent, {
      code: "config_error",
      vendorCode: "http_404",
      message: `${label} has no ${where}: check baseUrl`,
    });
  }
  if (sent.status !== 200) {
    return failed(sent, {
      code: "vendor_unavailable",
      vendorCode: `http_${sent.status}`,
      message: `${label} answered HTTP ${sent.status} to ${what}`,
    });
  }
  const text = decodeBody(sent.body, sent.bytes, sent.contentType);
  if (isHtml(text)) {
    return failed(sent, {
      code: unreadableCode(sideEffect),
      vendorCode: "html_page",
      message: `${label} answered ${what} with a web page instead of XML`,
    });
  }
  const reply = parseReply(text);
  if (!reply)
    return failed(sent, {
      code: unreadableCode(sideEffect),
      vendorCode: "bad_response",
      message: `unreadable answer to ${what}`,
    });
  return { ok: true, value: reply };
}

/**
 * The answer as text. The refs sign and send UTF-8; a cinema-side server that answers GBK or
 * GB2312 (declared in the content type or the XML declaration) is decoded with iconv-lite.
 */
export function decodeBody(body: string, bytes: Buffer | undefined, contentType: string | undefined): string {
  if (!bytes) return body;
  const head = bytes.subarray(0, 200).toString("latin1");
  const declared =
    /charset=\s*"?([\w-]+)/i.exec(contentType ?? "")?.[1] ?? /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1];
  const enc = declared?.toLowerCase();
  if (enc && /^(gbk|gb2312|gb18030|cp936)$/.test(enc)) return iconv.decode(bytes, enc === "gb2312" ? "gbk" : enc);
  return body;
}

export function obj(node: Wire | undefined, name: string): Wire | undefined {
  const v = node?.[name];
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Wire) : undefined;
}

/** `Parent/Child[]`: the children named `child` of `parent`, whether one or many. */
export function items(node: Wire | undefined, parent: string, child: string): Wire[] {
  const p = obj(node, parent);
  const v = p?.[child];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x): x is Wire => !!x && typeof x === "object");
}

/** Text values of `Parent/Child[]` (lists of plain values such as Cards/CardNo). */
export function texts(node: Wire | undefined, parent: string, child: string): string[] {
  const v = obj(node, parent)?.[child];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x) => typeof x === "string" || typeof x === "number").map(String);
}

/**
 * Parses XML with the vendor's parser settings; text that is not well-formed XML, or parses to
 * nothing, is an UnreadableAnswer naming `what` (the answer, its inner document …).
 */
export function parseXmlWith(xml: XMLParser, text: string, what: string): Wire {
  let doc: unknown;
  try {
    doc = xml.parse(text, true);
  } catch (e) {
    throw new UnreadableAnswer(`${what} is not well-formed XML: ${(e as Error).message.split("\n")[0]}`);
  }
  const obj = asObject(doc);
  if (!obj) throw new UnreadableAnswer(`${what} is empty`);
  return obj;
}
