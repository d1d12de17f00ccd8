import { escapeXml } from "../../../../simulators/src/core/xml-text.js";

/** A SOAP 1.1 answer as a JAX-WS service writes it: the `{Op}Result` document escaped in `<return>`. */
export function soapAnswer(op: string, resultXml: string, encoding = "UTF-8"): string {
  const inner = `<?xml version="1.0" encoding="${encoding}"?><${op}Result>${resultXml}</${op}Result>`;
  return (
    `<?xml version="1.0" encoding="${encoding}"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
    `<ns2:${op}Response xmlns:ns2="http://soap.ws.tsp.oristartech.com/"><return>${escapeXml(inner)}</return></ns2:${op}Response>` +
    `</soap:Body></soap:Envelope>`
  );
}
