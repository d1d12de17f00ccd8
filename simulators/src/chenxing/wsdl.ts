import type { TspOp } from "./env.js";
import { TSP_NAMESPACE } from "./soap.js";

/**
 * A minimal WSDL for `?wsdl`: the service, port and operations with their parameter names as
 * public-refs §3.1/§3.3 give them (every parameter a string; the real WSDL types a few as float).
 */
export function wsdl(ops: readonly TspOp[]): string {
  const params = (op: TspOp) =>
    op.kind === "flat" ? ["pAppCode", ...op.params, "pCompress", "pVerifyInfo"] : [op.param];
  const elements = ops
    .map(
      (op) =>
        `<xs:element name="${op.name}"><xs:complexType><xs:sequence>${params(op)
          .map((p) => `<xs:element name="${p}" type="xs:string" minOccurs="0"/>`)
          .join("")}</xs:sequence></xs:complexType></xs:element>` +
        `<xs:element name="${op.name}Response"><xs:complexType><xs:sequence><xs:element name="return" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>`,
    )
    .join("");
  const messages = ops
    .map(
      (op) =>
        `<wsdl:message name="${op.name}"><wsdl:part name="parameters" element="tns:${op.name}"/></wsdl:message>` +
        `<wsdl:message name="${op.name}Response"><wsdl:part name="parameters" element="tns:${op.name}Response"/></wsdl:message>`,
    )
    .join("");
  const portOps = ops
    .map(
      (op) =>
        `<wsdl:operation name="${op.name}"><wsdl:input message="tns:${op.name}"/><wsdl:output message="tns:${op.name}Response"/></wsdl:operation>`,
    )
    .join("");
  const bindingOps = ops
    .map(
      (op) =>
        `<wsdl:operation name="${op.name}"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?><wsdl:definitions name="TspSoapServiceImplService" targetNamespace="${TSP_NAMESPACE}" ` +
    `xmlns:tns="${TSP_NAMESPACE}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema">` +
    `<wsdl:types><xs:schema targetNamespace="${TSP_NAMESPACE}" elementFormDefault="unqualified">${elements}</xs:schema></wsdl:types>` +
    messages +
    `<wsdl:portType name="TspSoapService">${portOps}</wsdl:portType>` +
    `<wsdl:binding name="TspSoapServiceImplServiceSoapBinding" type="tns:TspSoapService"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOps}</wsdl:binding>` +
    `<wsdl:service name="TspSoapServiceImplService"><wsdl:port name="TspSoapServiceImplPort" binding="tns:TspSoapServiceImplServiceSoapBinding"><soap:address location="/tsp-ws/services/tsp/cinema"/></wsdl:port></wsdl:service>` +
    `</wsdl:definitions>`
  );
}
