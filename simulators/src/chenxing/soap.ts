import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { escapeXml } from "../core/xml-text.js";

/** public-refs §3.1: target namespace, SOAP 1.1 (and 1.2 answered in kind). */
export const TSP_NAMESPACE = "http://soap.ws.tsp.oristartech.com/";
const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
export const TSP_PATH = "/tsp-ws/services/tsp/cinema";

export type SoapVersion = "1.1" | "1.2";
export type Tree = { [name: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
});

export class SoapFault extends Error {
  constructor(
    readonly faultCode: "Client" | "Server",
    message: string,
  ) {
    super(message);
  }
}

export interface SoapRequest {
  op: string;
  /** Parameter elements of the operation, as literal text (repeated names keep the first). */
  params: Record<string, string>;
}

const asObject = (v: unknown): Tree | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Tree) : undefined;

export function parseXml(text: string, what: string): Tree {
  try {
    const doc = asObject(parser.parse(text, true));
    if (!doc) throw new Error("empty document");
    return doc;
  } catch (e) {
    throw new SoapFault("Client", `${what}: ${(e as Error).message.split("\n")[0]}`);
  }
}

/** Reads the operation element and its (unqualified) parameters from a request envelope. */
export function parseSoapRequest(body: string): SoapRequest {
  const doc = parseXml(body.trim(), "Unmarshalling Error");
  const bodyEl = asObject(asObject(doc.Envelope)?.Body);
  if (!bodyEl) throw new SoapFault("Client", "Unmarshalling Error: no soap:Envelope/soap:Body");
  const [op, value] = Object.entries(bodyEl)[0] ?? [];
  if (!op) throw new SoapFault("Client", "Unmarshalling Error: empty soap:Body");
  const params: Record<string, string> = {};
  const obj = asObject(value) ?? {};
  for (const [name, v] of Object.entries(obj)) {
    const first = Array.isArray(v) ? v[0] : v;
    params[name] = first === undefined || first === null || typeof first === "object" ? "" : String(first);
  }
  return { op, params };
}

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false });

const envelopeNs = (v: SoapVersion) => (v === "1.2" ? SOAP12 : SOAP11);

/** `{Op}Response/return` holding the `{Op}Result` document as escaped text (what a JAX-WS service returns). */
export function renderResult(version: SoapVersion, op: string, result: Tree): string {
  const inner = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${builder.build({ [`${op}Result`]: result })}`;
  return (
    `<soap:Envelope xmlns:soap="${envelopeNs(version)}"><soap:Body>` +
    `<ns2:${op}Response xmlns:ns2="${TSP_NAMESPACE}"><return>${escapeXml(inner)}</return></ns2:${op}Response>` +
    `</soap:Body></soap:Envelope>`
  );
}

export function renderFault(version: SoapVersion, fault: SoapFault): string {
  const body =
    version === "1.2"
      ? `<soap:Fault><soap:Code><soap:Value>soap:${fault.faultCode === "Client" ? "Sender" : "Receiver"}</soap:Value></soap:Code>` +
        `<soap:Reason><soap:Text xml:lang="en">${escapeXml(fault.message)}</soap:Text></soap:Reason></soap:Fault>`
      : `<soap:Fault><faultcode>soap:${fault.faultCode}</faultcode><faultstring>${escapeXml(fault.message)}</faultstring></soap:Fault>`;
  return `<soap:Envelope xmlns:soap="${envelopeNs(version)}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

export const contentTypeOf = (v: SoapVersion) =>
  v === "1.2" ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";

/** A list element read the same whether it occurs once or many times. */
export function listOf(obj: Tree | undefined, ...path: string[]): Tree[] {
  let cur: unknown = obj;
  for (const name of path) {
    const o = asObject(Array.isArray(cur) ? cur[0] : cur);
    if (!o) return [];
    cur = o[name];
  }
  const arr = Array.isArray(cur) ? cur : cur === undefined || cur === "" ? [] : [cur];
  return arr.map(asObject).filter((x): x is Tree => x !== undefined);
}

export const textOf = (obj: Tree | undefined, name: string): string => {
  const v = obj?.[name];
  return v === undefined || v === null || typeof v === "object" ? "" : String(v).trim();
};

export { asObject };
