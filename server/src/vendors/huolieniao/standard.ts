import { XMLParser } from "fast-xml-parser";
import { asObject, UnreadableAnswer, type Wire } from "../wire/read.js";
import { parseXmlWith } from "../wire/xml-document.js";

/**
 * The 2013 national-standard online-ticketing interface ("OTSAPI", public-refs §6.1) — the part
 * that is NOT 火烈鸟's: one SOAP 1.2 operation `query` whose `msg` carries an escaped
 * `OnlineTicketingServiceQuery` document, answered by an `OnlineTicketingServiceReply` document.
 * 火烈鸟's own operation names are in extensions.ts. Pure functions: no I/O.
 */
export const OTSAPI_NAMESPACE = "http://www.crifst.ac.cn/2013/OTSAPI";
export const SOAP12_NAMESPACE = "http://www.w3.org/2003/05/soap-envelope";
/** The ticket service path after host:port (public-refs §6.1). */
export const TICKET_PATH = "/scts.service/webservice/query";

/** An element built in canonical order (C14N: attributes sorted, no self-closing tags). */
export interface El {
  name: string;
  attrs?: Record<string, string>;
  children?: ReadonlyArray<El | string>;
}

const escText = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#xD;");
const escAttr = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");

/**
 * Canonical XML (C14N 1.0) of an element we built ourselves: namespace declarations first, then
 * attributes sorted by name, empty elements as start/end pairs. Our documents carry no
 * namespaced attributes, so name order is C14N's order. The digest of the signed operation
 * element is taken over exactly this text (signing.ts).
 */
export function canonical(el: El): string {
  const entries = Object.entries(el.attrs ?? {});
  const ns = entries.filter(([k]) => k === "xmlns" || k.startsWith("xmlns:")).sort(([a], [b]) => (a < b ? -1 : 1));
  const plain = entries
    .filter(([k]) => !(k === "xmlns" || k.startsWith("xmlns:")))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const attrs = [...ns, ...plain].map(([k, v]) => ` ${k}="${escAttr(v)}"`).join("");
  const inner = (el.children ?? []).map((c) => (typeof c === "string" ? escText(c) : canonical(c))).join("");
  return `<${el.name}${attrs}>${inner}</${el.name}>`;
}

/** Shorthand for a child element holding text. */
export const leaf = (name: string, value: string): El => ({ name, children: [value] });

/** `yyyy-MM-ddTHH:mm:ss` China time: the query's Datetime (§6.1). */
export function otsDatetime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);
}

/** The `Id` attribute the signature's Reference points at: `ID_{Op}` (§6.1). */
export const opId = (op: string) => `ID_${op}`;

/**
 * The operation element: its own attributes plus `Id="ID_{Op}"`, its children in order.
 */
export function operation(op: string, attrs: Record<string, string>, children: ReadonlyArray<El> = []): El {
  return { name: op, attrs: { ...attrs, Id: opId(op) }, children };
}

/** The query document's root, Username and md5 password on it; `signature` is the ds:Signature text. */
export function queryDocument(
  head: { datetime: string; username: string; passwordMd5: string },
  op: El,
  signature = "",
): string {
  const root = canonical({
    name: "OnlineTicketingServiceQuery",
    attrs: { Version: "1.0", Datetime: head.datetime, Username: head.username, Password: head.passwordMd5 },
    children: [op],
  });
  // The signature is enveloped in the root, after the operation it signs.
  return signature
    ? root.replace(/<\/OnlineTicketingServiceQuery>$/, `${signature}</OnlineTicketingServiceQuery>`)
    : root;
}

/** The SOAP 1.2 request: `<m:query><m:msg>` with the query document escaped as text (§6.1). */
export function soapQuery(document: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${SOAP12_NAMESPACE}"><soap:Body>` +
    `<m:query xmlns:m="${OTSAPI_NAMESPACE}"><m:msg>${escText(document.replace(/[\r\n]+/g, ""))}</m:msg></m:query>` +
    `</soap:Body></soap:Envelope>`
  );
}

const envelopeParser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
});

/**
 * The inner documents carry their data in attributes and elements alike; with no attribute prefix
 * both read the same (`text(w, "Code")`). htmlEntities: film names may arrive as numeric
 * character references (§6.3).
 */
const documentParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  trimValues: true,
});

/** The operation's reply element: its Status / ErrorCode / ErrorMessage and its content. */
export type OtsReply = { kind: "reply"; reply: Wire } | { kind: "fault"; code: string; message: string };

const looksLikeHtml = (text: string) => /^(<!doctype html|<html)/i.test(text) || /<html[\s>]/i.test(text);

/** The `msg` text of any body element that has one (the reply element's own name is not documented). */
function msgOf(body: Wire): string | undefined {
  for (const v of Object.values(body)) {
    const o = asObject(Array.isArray(v) ? v[0] : v);
    if (o && typeof o.msg === "string") return o.msg;
  }
  return undefined;
}

/** Parses a query document (the simulator side reads requests with the same reader). */
export function parseDocument(text: string, what: string): Wire {
  return parseXmlWith(documentParser, text, what);
}

/**
 * Reads the SOAP answer to `op`: Envelope/Body/*\/msg → `OnlineTicketingServiceReply` →
 * `{op}Reply`. Throws UnreadableAnswer for anything else (HTML, broken XML, no reply element).
 */
export function parseOtsReply(body: string, op: string): OtsReply {
  const text = body.trim().replace(/^\uFEFF/, "");
  if (text === "") throw new UnreadableAnswer("empty answer");
  if (looksLikeHtml(text) && !/<[\w:]*Envelope[\s>]/.test(text))
    throw new UnreadableAnswer("an HTML page instead of a SOAP answer");
  if (!text.startsWith("<")) throw new UnreadableAnswer("not XML");
  const bodyEl = asObject(asObject(parseXmlWith(envelopeParser, text, "SOAP answer").Envelope)?.Body);
  if (!bodyEl) throw new UnreadableAnswer("no SOAP Envelope/Body");
  const fault = asObject(bodyEl.Fault);
  if (fault) {
    const code = String(asObject(fault.Code)?.Value ?? fault.faultcode ?? "soap:Fault");
    const message = String(asObject(fault.Reason)?.Text ?? fault.faultstring ?? "SOAP fault");
    return { kind: "fault", code, message };
  }
  const msg = msgOf(bodyEl);
  if (msg === undefined || msg.trim() === "") throw new UnreadableAnswer(`no msg text in the answer to ${op}`);
  const doc = parseXmlWith(documentParser, msg.trim(), `${op} reply document`);
  const root = asObject(doc.OnlineTicketingServiceReply);
  if (!root) throw new UnreadableAnswer("the msg document has no OnlineTicketingServiceReply root");
  const reply = asObject(root[`${op}Reply`]);
  if (!reply) throw new UnreadableAnswer(`the reply document has no ${op}Reply`);
  return { kind: "reply", reply };
}
