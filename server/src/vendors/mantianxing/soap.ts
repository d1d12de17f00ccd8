import { XMLParser, XMLValidator } from "fast-xml-parser";

/** Service namespaces (public-refs §9.1: NS ticketapi.wsdl; the member one from the SH package name, inferred). */
export const TICKET_NS = "http://webservice.main.cmts.cn";
export const MEMBER_NS = "http://webservice.pay.cmts.cn";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A SOAP 1.1 document/literal request: `<ns:{Op}>` holding one element per parameter, in the
 * parameter order, qualified in the service namespace (`elementFormDefault="qualified"`).
 */
export function soapRequest(op: string, params: ReadonlyArray<readonly [string, string]>, ns = TICKET_NS): string {
  const body = params.map(([k, v]) => `<ns:${k}>${escapeXml(v)}</ns:${k}>`).join("");
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="${ns}">` +
    `<soapenv:Body><ns:${op}>${body}</ns:${op}></soapenv:Body></soapenv:Envelope>`
  );
}

/** The XML string a write op carries in `pXmlString` (LiveRealCheckSeatState, SellTicket). */
export function xmlDocument(root: string, fields: ReadonlyArray<readonly [string, string | string[][]]>): string {
  const render = ([k, v]: readonly [string, string | string[][]]): string => {
    if (typeof v === "string") return `<${k}>${escapeXml(v)}</${k}>`;
    return v.map((row) => `<${k}>${row.join("")}</${k}>`).join("");
  };
  return `<?xml version="1.0" encoding="UTF-8"?><${root}>${fields.map(render).join("")}</${root}>`;
}

export const xmlElement = (k: string, v: string) => `<${k}>${escapeXml(v)}</${k}>`;

export type SoapReturn =
  | { kind: "return"; text: string }
  | { kind: "fault"; code: string; reason: string }
  | { kind: "unreadable"; why: string };

const envelopeParser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
});

/**
 * Reads `Envelope/Body/{Op}Response/return` (its text is the vendor's own XML or JSON document),
 * or a SOAP fault. An HTML error page, a truncated body or anything else is "unreadable".
 */
export function readSoapReturn(body: string, op: string): SoapReturn {
  const text = body.trim();
  if (!text.startsWith("<")) return { kind: "unreadable", why: "not XML" };
  if (/^<!doctype html|^<html/i.test(text)) return { kind: "unreadable", why: "an HTML page" };
  if (XMLValidator.validate(text) !== true) return { kind: "unreadable", why: "malformed XML" };
  let doc: Record<string, unknown>;
  try {
    doc = envelopeParser.parse(text) as Record<string, unknown>;
  } catch {
    return { kind: "unreadable", why: "malformed XML" };
  }
  const env = doc.Envelope as Record<string, unknown> | undefined;
  const soapBody = env?.Body as Record<string, unknown> | undefined;
  if (!soapBody || typeof soapBody !== "object") return { kind: "unreadable", why: "no SOAP Body" };
  const fault = soapBody.Fault as Record<string, unknown> | undefined;
  if (fault && typeof fault === "object") {
    // SOAP 1.1 faultcode/faultstring; SOAP 1.2 Code/Value, Reason/Text.
    const code = String(fault.faultcode ?? (fault.Code as Record<string, unknown> | undefined)?.Value ?? "");
    const reason = String(fault.faultstring ?? (fault.Reason as Record<string, unknown> | undefined)?.Text ?? "");
    return { kind: "fault", code, reason };
  }
  const response = soapBody[`${op}Response`] as Record<string, unknown> | undefined;
  if (!response || typeof response !== "object") return { kind: "unreadable", why: `no ${op}Response` };
  const ret = response.return;
  if (typeof ret !== "string") return { kind: "unreadable", why: "no return text" };
  return { kind: "return", text: ret };
}

const docParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
});

export type Wire = Record<string, unknown>;

/** The vendor's own XML document inside `return` → its root element's object, or undefined. */
export function readDocument(text: string): { root: string; body: Wire } | undefined {
  const t = text.trim();
  if (t.startsWith("{")) {
    try {
      const json = JSON.parse(t) as unknown;
      return json && typeof json === "object" && !Array.isArray(json)
        ? { root: "json", body: json as Wire }
        : undefined;
    } catch {
      return undefined;
    }
  }
  if (!t.startsWith("<") || XMLValidator.validate(t) !== true) return undefined;
  const doc = docParser.parse(t) as Wire;
  const root = Object.keys(doc).find((k) => k !== "?xml");
  if (!root) return undefined;
  const body = doc[root];
  return { root, body: body && typeof body === "object" ? (body as Wire) : {} };
}

/** Field helpers over parsed XML/JSON (keys compared case-insensitively: clients disagree on case). */
export function field(w: Wire | undefined, name: string): unknown {
  if (!w) return undefined;
  if (name in w) return w[name];
  const lower = name.toLowerCase();
  const key = Object.keys(w).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : w[key];
}

export function str(w: Wire | undefined, name: string): string | undefined {
  const v = field(w, name);
  if (v === undefined || v === null || typeof v === "object") return undefined;
  return String(v);
}

/** `Cinemas/Cinema[]`: a single child comes back as an object, none as "". */
export function rows(w: Wire | undefined, container: string, item: string): Wire[] {
  const c = container ? field(w, container) : w;
  const v = c && typeof c === "object" ? field(c as Wire, item) : undefined;
  if (Array.isArray(v)) return v.filter((x): x is Wire => !!x && typeof x === "object");
  return v && typeof v === "object" ? [v as Wire] : [];
}
