import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { SoapFault, type Tree } from "../chenxing/soap.js";
import { escapeXml } from "../core/xml-text.js";
import { chinaIsoT } from "./catalog.js";

/**
 * The 2013 national-standard envelope as public-refs §6.1 describes it: SOAP 1.2, operation
 * `query` in the OTSAPI namespace, its `msg` holding an escaped `OnlineTicketingServiceQuery`
 * document; the answer's `msg` holds an `OnlineTicketingServiceReply`. The answer element's name
 * is not documented: `queryResponse` is the JAX-WS convention (inferred).
 */
export const OTSAPI_NAMESPACE = "http://www.crifst.ac.cn/2013/OTSAPI";
const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
export const TICKET_PATH = "/scts.service/webservice/query";

const envelopeParser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
});
/** Attributes and elements read alike (no prefix); numeric character references decoded. */
const documentParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  ignoreDeclaration: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  trimValues: true,
});

const asObject = (v: unknown): Tree | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Tree) : undefined;

export interface OtsQuery {
  username: string;
  password: string;
  op: string;
  /** The operation element: attributes and children alike. */
  el: Tree;
}

/** The query from a request envelope; a SOAP fault for anything that is not one. */
export function parseQuery(body: string): OtsQuery {
  let env: Tree | undefined;
  try {
    env = asObject(envelopeParser.parse(body.trim(), true));
  } catch (e) {
    throw new SoapFault("Client", `Unmarshalling Error: ${(e as Error).message.split("\n")[0]}`);
  }
  const query = asObject(asObject(asObject(env?.Envelope)?.Body)?.query);
  const msg = typeof query?.msg === "string" ? query.msg.trim() : "";
  if (!msg) throw new SoapFault("Client", "Unmarshalling Error: no query/msg");
  let doc: Tree | undefined;
  try {
    doc = asObject(documentParser.parse(msg, true));
  } catch (e) {
    throw new SoapFault("Client", `msg is not XML: ${(e as Error).message.split("\n")[0]}`);
  }
  const root = asObject(doc?.OnlineTicketingServiceQuery);
  if (!root) throw new SoapFault("Client", "msg has no OnlineTicketingServiceQuery");
  const ROOT_ATTRS = new Set(["Version", "Datetime", "Username", "Password", "Signature", "xmlns:ds"]);
  const [op, el] = Object.entries(root).find(([k, v]) => !ROOT_ATTRS.has(k) && asObject(v) !== undefined) ?? [];
  if (!op) throw new SoapFault("Client", "OnlineTicketingServiceQuery has no operation element");
  return { username: String(root.Username ?? ""), password: String(root.Password ?? ""), op, el: asObject(el) ?? {} };
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  format: false,
  suppressEmptyNode: true,
});

/** `{Op}Reply` (attributes as `@Name`, Status etc. added here) inside the reply document and envelope. */
export function renderReply(
  op: string,
  now: number,
  status: { code: string; message: string } | null,
  content: Tree,
): string {
  const reply = {
    "@Id": `ID_${op}Reply`,
    "@Status": status ? "Failure" : "Success",
    "@ErrorCode": status?.code ?? "",
    "@ErrorMessage": status?.message ?? "",
    ...content,
  };
  const doc = builder.build({
    OnlineTicketingServiceReply: { "@Version": "1.0", "@Datetime": chinaIsoT(now), [`${op}Reply`]: reply },
  }) as string;
  return (
    `<soap:Envelope xmlns:soap="${SOAP12}"><soap:Body>` +
    `<m:queryResponse xmlns:m="${OTSAPI_NAMESPACE}"><m:msg>${escapeXml(doc)}</m:msg></m:queryResponse>` +
    `</soap:Body></soap:Envelope>`
  );
}

export { asObject };
