import type { Result } from "../../domain/errors.js";
import type { VendorTransport } from "../transport.js";
import { failed, notFound, succeeded, unreadable, unreadableCode } from "../wire/call.js";
import { str, UnreadableAnswer, type Wire } from "../wire/read.js";
import { servicePath } from "../wire/request.js";
import { readCode } from "./codes.js";
import { verifyInfo } from "./signing.js";
import { parseSoapReply, soapRequest, TSP_PATH, type XmlNode, xmlDocument } from "./soap.js";

/** Every call carries Compress; all known clients send 0 (no compression, public-refs §3.1). */
export const COMPRESS = "0";

export interface ChenxingAnswer {
  /** The `{Op}Result` element. */
  result: Wire;
  message: string;
  callId: string;
}

/**
 * How a call's unreadable or missing answer is read: a sale or refund may have happened at the
 * vendor (outcome_unknown, the recovery policy asks); anything else is the vendor failing.
 */
export type Effect = "read" | "write" | "money";

/** A parameter of an XML-string operation: its elements in order, and the values it signs with. */
export interface XmlCall {
  op: string;
  /** The single SOAP parameter that carries the document (`lockSeatXml` …). */
  param: string;
  /** The document's root element (`LockSeatParameter` …). */
  root: string;
  /** Elements between AppCode and Compress, in declared order. */
  body: { [name: string]: XmlNode };
  /** The values signed between AppCode and Compress, lists flattened (public-refs §3.2). */
  signed: readonly string[];
}

/**
 * Builds, signs and commits one call, and reads the `{Op}Result`: ResultCode `0` is success;
 * anything else comes back as a `Result` error with the vendor's code and text.
 */
export class ChenxingClient {
  constructor(
    private readonly transport: VendorTransport,
    private readonly baseUrl: string,
    private readonly appCode: string,
    private readonly key: string,
  ) {}

  /** The service path; a base URL that already names it is accepted. */
  path(): string {
    return servicePath(this.baseUrl, TSP_PATH);
  }

  /** A flat-parameter operation: `pAppCode`, the call's own `pXxx` in order, `pCompress`, `pVerifyInfo`. */
  flat(op: string, params: ReadonlyArray<readonly [string, string]>, effect: Effect = "read", mask: string[] = []) {
    const values = [this.appCode, ...params.map(([, v]) => v), COMPRESS];
    const envelope = soapRequest(op, [
      ["pAppCode", this.appCode],
      ...params,
      ["pCompress", COMPRESS],
      ["pVerifyInfo", verifyInfo(values, this.key)],
    ]);
    return this.commit(op, envelope, effect, mask);
  }

  /** An XML-string operation: one parameter holding `<Root><AppCode>…<Compress>0</Compress><VerifyInfo>…`. */
  xml(call: XmlCall, effect: Effect, mask: string[] = []) {
    const sign = verifyInfo([this.appCode, ...call.signed, COMPRESS], this.key);
    const doc = xmlDocument(call.root, { AppCode: this.appCode, ...call.body, Compress: COMPRESS, VerifyInfo: sign });
    return this.commit(call.op, soapRequest(call.op, [[call.param, doc]]), effect, mask);
  }

  private async commit(op: string, envelope: string, effect: Effect, mask: string[]): Promise<Result<ChenxingAnswer>> {
    const sent = await this.transport.send({
      call: `chenxing.${op}`,
      method: "POST",
      path: this.path(),
      body: envelope,
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""' },
      mask,
    });
    if (!sent.ok) return sent;
    if (sent.status === 404) return notFound(sent, `辰星 has no ${op} at ${this.path()}: check baseUrl`);
    const money = effect === "money";
    let reply: ReturnType<typeof parseSoapReply>;
    try {
      reply = parseSoapReply(sent.body, op);
    } catch (e) {
      if (!(e instanceof UnreadableAnswer)) throw e;
      return unreadable(sent, money, op, e.message);
    }
    if (reply.kind === "fault") {
      // The service refused the request itself (bad envelope, unknown operation): nothing happened.
      return failed(sent, {
        code: "vendor_unavailable",
        vendorCode: "soap_fault",
        message: `SOAP fault ${reply.code}: ${reply.message}`,
      });
    }
    const code = str(reply.result, "ResultCode");
    const message = str(reply.result, "Message") ?? "";
    if (code === undefined) {
      return failed(sent, {
        code: unreadableCode(money),
        vendorCode: "no_result_code",
        message: `answer to ${op} has no ResultCode`,
      });
    }
    const read = readCode(code, message);
    if (read.standard !== "ok") {
      return failed(sent, {
        code: read.standard,
        vendorCode: read.vendorCode,
        message: message || `ResultCode ${code}`,
      });
    }
    return succeeded(sent, code, { result: reply.result, message });
  }
}
