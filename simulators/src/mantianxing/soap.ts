import { XMLParser, XMLValidator } from "fast-xml-parser";

export const TICKET_NS = "http://webservice.main.cmts.cn";
export const MEMBER_NS = "http://webservice.pay.cmts.cn";
const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

export type SoapVersion = "1.1" | "1.2";

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

export const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A request's operation and its parameter elements (namespace prefixes dropped), or why it is not one. */
export function readRequest(body: string): { op: string; params: Record<string, string> } | { error: string } {
  const text = body.trim();
  if (!text || XMLValidator.validate(text) !== true) return { error: "Unexpected character in the request" };
  const doc = parser.parse(text) as Record<string, unknown>;
  const soapBody = (doc.Envelope as Record<string, unknown> | undefined)?.Body as Record<string, unknown> | undefined;
  if (!soapBody || typeof soapBody !== "object")
    return { error: "The endpoint reference (EPR) for the Operation not found" };
  const op = Object.keys(soapBody)[0];
  if (!op) return { error: "The endpoint reference (EPR) for the Operation not found" };
  const raw = soapBody[op];
  const params: Record<string, string> = {};
  if (raw && typeof raw === "object") {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) params[k] = v == null ? "" : String(v);
  }
  return { op, params };
}

/** The vendor's document inside `ns:return`, as Axis2 writes it (text, escaped). */
export function soapResponse(op: string, inner: string, version: SoapVersion, ns = TICKET_NS): string {
  return (
    `<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope xmlns:soapenv="${version === "1.2" ? SOAP12 : SOAP11}">` +
    `<soapenv:Body><ns:${op}Response xmlns:ns="${ns}"><ns:return>${escapeXml(inner)}</ns:return></ns:${op}Response>` +
    `</soapenv:Body></soapenv:Envelope>`
  );
}

export function soapFault(reason: string, version: SoapVersion): string {
  if (version === "1.2") {
    return (
      `<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope xmlns:soapenv="${SOAP12}"><soapenv:Body><soapenv:Fault>` +
      `<soapenv:Code><soapenv:Value>soapenv:Sender</soapenv:Value></soapenv:Code><soapenv:Reason><soapenv:Text xml:lang="en-US">${escapeXml(reason)}</soapenv:Text></soapenv:Reason>` +
      `</soapenv:Fault></soapenv:Body></soapenv:Envelope>`
    );
  }
  return (
    `<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Body><soapenv:Fault>` +
    `<faultcode>soapenv:Client</faultcode><faultstring>${escapeXml(reason)}</faultstring><detail /></soapenv:Fault>` +
    `</soapenv:Body></soapenv:Envelope>`
  );
}

type Node = string | number | boolean | undefined | Node[] | { [k: string]: Node };

/** `{ Cinemas: { Cinema: [...] } }` → `<Cinemas><Cinema>…</Cinema>…</Cinemas>`. */
function render(name: string, node: Node): string {
  if (node === undefined) return "";
  if (Array.isArray(node)) return node.map((n) => render(name, n)).join("");
  if (typeof node === "object") {
    return `<${name}>${Object.entries(node)
      .map(([k, v]) => render(k, v))
      .join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(String(node))}</${name}>`;
}

/** The vendor's reply document: `<?xml?><{Root}>…</{Root}>`. */
export function resultXml(root: string, fields: { [k: string]: Node }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${render(root, fields)}`;
}

/** The XML string of LiveRealCheckSeatState / SellTicket (`pXmlString`). */
export function readXmlParameter(text: string | undefined): Record<string, unknown> | undefined {
  if (!text || XMLValidator.validate(text.trim()) !== true) return undefined;
  const doc = parser.parse(text.trim()) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => k !== "?xml");
  const body = root ? doc[root] : undefined;
  return body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
}
