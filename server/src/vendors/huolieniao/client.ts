import type { Result } from "../../domain/errors.js";
import type { Clock } from "../../domain/time.js";
import type { VendorTransport } from "../transport.js";
import { failed, notFound, succeeded, unreadable, unreadableCode } from "../wire/call.js";
import { str, UnreadableAnswer, type Wire } from "../wire/read.js";
import { servicePath } from "../wire/request.js";
import { readCode } from "./codes.js";
import { freshSigningKey, passwordMd5, type SigningKey, signatureXml } from "./signing.js";
import { type El, operation, otsDatetime, parseOtsReply, queryDocument, soapQuery, TICKET_PATH } from "./standard.js";

export interface OtsAnswer {
  /** The `{Op}Reply` element (attributes and children read alike). */
  reply: Wire;
  callId: string;
}

/**
 * How an unreadable or missing answer is read: a sale or refund may have happened at the vendor
 * (outcome_unknown, the recovery policy asks); anything else is the vendor failing.
 */
export type Effect = "read" | "write" | "money";

/**
 * Builds, signs and commits one OTSAPI query and reads its `{Op}Reply`: Status="Success" with an
 * empty ErrorCode is success; anything else comes back as a `Result` error with the vendor's code
 * and text. Standard-only: 火烈鸟's operation names are chosen by the caller (extensions.ts).
 */
export class OtsClient {
  private key?: SigningKey;
  private readonly password: string;

  constructor(
    private readonly transport: VendorTransport,
    private readonly baseUrl: string,
    private readonly username: string,
    password: string,
    private readonly clock: Clock,
  ) {
    this.password = passwordMd5(password);
  }

  /** The service path; a base URL that already names it is accepted. */
  path(): string {
    return servicePath(this.baseUrl, TICKET_PATH);
  }

  /** One operation: attributes on the operation element, children in order. */
  async call(
    op: string,
    attrs: Record<string, string>,
    children: ReadonlyArray<El> = [],
    effect: Effect = "read",
    mask: string[] = [],
  ): Promise<Result<OtsAnswer>> {
    const el = operation(op, attrs, children);
    // One key per client, made on first use (RSA key generation is not free).
    this.key ??= freshSigningKey();
    const doc = queryDocument(
      { datetime: otsDatetime(this.clock.now()), username: this.username, passwordMd5: this.password },
      el,
      signatureXml(el, this.key),
    );
    const sent = await this.transport.send({
      call: `huolieniao.${op}`,
      method: "POST",
      path: this.path(),
      body: soapQuery(doc),
      headers: { "content-type": `application/soap+xml; charset=utf-8; action="query"` },
      mask,
    });
    if (!sent.ok) return sent;
    if (sent.status === 404) return notFound(sent, `火烈鸟 has no service at ${this.path()}: check baseUrl`);
    const money = effect === "money";
    let parsed: ReturnType<typeof parseOtsReply>;
    try {
      parsed = parseOtsReply(sent.body, op);
    } catch (e) {
      if (!(e instanceof UnreadableAnswer)) throw e;
      return unreadable(sent, money, op, e.message);
    }
    if (parsed.kind === "fault") {
      // The service refused the envelope itself (unknown operation, bad XML): nothing happened.
      return failed(sent, {
        code: "vendor_unavailable",
        vendorCode: "soap_fault",
        message: `SOAP fault ${parsed.code}: ${parsed.message}`,
      });
    }
    const status = str(parsed.reply, "Status");
    const code = str(parsed.reply, "ErrorCode") ?? "";
    const message = str(parsed.reply, "ErrorMessage") ?? "";
    if (status === undefined) {
      return failed(sent, {
        code: unreadableCode(money),
        vendorCode: "no_status",
        message: `${op}Reply has no Status`,
      });
    }
    const read = readCode(status, code, message);
    if (read.standard !== "ok") {
      return failed(sent, {
        code: read.standard,
        vendorCode: read.vendorCode,
        message: message || `${op}: ${read.vendorCode}`,
      });
    }
    return succeeded(sent, "Success", { reply: parsed.reply });
  }
}
