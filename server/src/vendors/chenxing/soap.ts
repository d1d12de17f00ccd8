import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { asObject, UnreadableAnswer, type Wire } from "../wire/read.js";
import { parseXmlWith } from "../wire/xml-document.js";

/**
 * 辰星 TSP SOAP framing (public-refs §3.1): SOAP 1.1 document/literal wrapped, target namespace
 * below, `SOAPAction: ""`; the operation element is qualified, its parameter elements are not. The
 * answer's `{Op}Response/return` is text holding a second XML document whose root is `{Op}Result`.
 * Pure functions: no I/O, so each is tested on its own.
 */
export const TSP_NAMESPACE = "http://soap.ws.tsp.oristartech.com/";
export const SOAP11_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/";
/** The service path after host:port (`?wsdl` gives its WSDL). */
export const TSP_PATH = "/tsp-ws/services/tsp/cinema";

/** An element tree in document order: a value, a list of repeated elements, or nested elements. */
export type XmlNode = string | XmlNode[] | { [name: string]: XmlNode };

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false });

const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An XML document text for an XML-string parameter (`LockSeatParameter` …), elements in the given order. */
export function xmlDocument(root: string, body: { [name: string]: XmlNode }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root]: body })}`;
}

/** A SOAP 1.1 request for `op` with unqualified parameter elements in the given order. */
export function soapRequest(op: string, params: ReadonlyArray<readonly [string, string]>): string {
  const inner = params.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soapenv:Envelope xmlns:soapenv="${SOAP11_NAMESPACE}" xmlns:tsp="${TSP_NAMESPACE}">` +
    `<soapenv:Header/><soapenv:Body><tsp:${op}>${inner}</tsp:${op}></soapenv:Body></soapenv:Envelope>`
  );
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  // Codes like "0001202405010001" and money like "35.00" stay text.
  parseTagValue: false,
  trimValues: true,
});

/** A parsed answer: the `{Op}Result` element, or the SOAP fault's text. */
export type SoapReply = { kind: "result"; result: Wire } | { kind: "fault"; code: string; message: string };

/** Text that is not XML at all: an HTML error page from a proxy or the servlet container. */
function looksLikeHtml(text: string): boolean {
  return /^(<!doctype html|<html)/i.test(text) || (/<html[\s>]/i.test(text) && !/<[\w:]*Envelope[\s>]/.test(text));
}

const parseXml = (text: string, what: string): Wire => parseXmlWith(parser, text, what);

/**
 * Reads a SOAP 1.1 (or 1.2) answer to `op`. Throws UnreadableAnswer for anything that is not a
 * SOAP envelope with either a fault or `{op}Response/return` holding an `{op}Result` document.
 */
export function parseSoapReply(body: string, op: string): SoapReply {
  const text = body.trim().replace(/^\uFEFF/, "");
  if (text === "") throw new UnreadableAnswer("empty answer");
  if (looksLikeHtml(text)) throw new UnreadableAnswer("an HTML page instead of a SOAP answer");
  if (!text.startsWith("<")) throw new UnreadableAnswer("not XML");
  const env = asObject(parseXml(text, "SOAP answer").Envelope);
  const bodyEl = asObject(env?.Body);
  if (!bodyEl) throw new UnreadableAnswer("no SOAP Envelope/Body");
  const fault = asObject(bodyEl.Fault);
  if (fault) {
    // 1.1: faultcode / faultstring; 1.2: Code/Value, Reason/Text.
    const code = String(fault.faultcode ?? asObject(fault.Code)?.Value ?? "soap:Fault");
    const message = String(fault.faultstring ?? asObject(fault.Reason)?.Text ?? "SOAP fault");
    return { kind: "fault", code, message };
  }
  const response = asObject(bodyEl[`${op}Response`]);
  if (!response) throw new UnreadableAnswer(`no ${op}Response in the SOAP body`);
  const inner = response.return;
  if (typeof inner !== "string" || inner.trim() === "") throw new UnreadableAnswer(`${op}Response has no return text`);
  const doc = parseXml(inner.trim(), `${op} return document`);
  const root = asObject(doc[`${op}Result`]) ?? (doc[`${op}Result`] === "" ? {} : undefined);
  if (!root) throw new UnreadableAnswer(`the return document has no ${op}Result root`);
  return { kind: "result", result: root };
}
