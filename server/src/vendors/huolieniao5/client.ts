import type { Result, VendorErrorCode } from "../../domain/errors.js";
import type { VendorTransport } from "../transport.js";
import { failed, succeeded, unreadableCode } from "../wire/call.js";
import { str, type Wire } from "../wire/read.js";
import { basePath } from "../wire/request.js";
import { readXmlAnswer } from "../wire/xml-document.js";
import { isDocumented, standardCode } from "./codes.js";
import { signedForm } from "./signing.js";

export interface NgcAnswer {
  /** The `<reply>` element's children. */
  body: Wire;
  callId: string;
}

export interface CallOptions {
  /** The call changes something at the vendor: an unreadable answer is an unknown outcome, not a failure. */
  sideEffect?: boolean;
  /** What a code the refs do not list means for this call (codes.ts). */
  unknownCode?: VendorErrorCode;
}

/**
 * One 火烈鸟 v5.0 / YXT call (public-refs §7.1), in the order every client follows: build (the signed
 * UTF-8 form) → commit (the shared transport, which masks before recording) → parse (`<reply>`) →
 * success (`code` 001) / error. Errors always carry the vendor's code and `msg`, documented or not.
 * `label` names the brand in every message ("大地（火烈鸟 5.0 / YXT）"), so diagnosis shows it.
 */
export class NgcClient {
  constructor(
    private readonly transport: VendorTransport,
    private readonly baseUrl: string,
    private readonly credentials: { channelCode: string; key: string },
    readonly label: string,
  ) {}

  /** `{base}/{action}.xml`: the base URL may carry a path. */
  path(action: string): string {
    return `${basePath(this.baseUrl)}/${action}.xml`;
  }

  async call(
    action: string,
    params: Readonly<Record<string, string>>,
    opts: CallOptions = {},
  ): Promise<Result<NgcAnswer>> {
    // build
    const form = signedForm(params, this.credentials.channelCode, this.credentials.key);
    // commit
    const sent = await this.transport.send({
      call: `huolieniao5.${action}`,
      method: "POST",
      path: this.path(action),
      body: new URLSearchParams(form).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
    });
    if (!sent.ok) return sent;
    // parse
    const read = readXmlAnswer(sent, opts.sideEffect, this.label, action, `${action}.xml`);
    if (!read.ok) return read;
    const reply = read.value;
    const code = reply.root === "reply" ? str(reply.body, "code") : undefined;
    if (code === undefined) {
      return failed(sent, {
        code: unreadableCode(opts.sideEffect),
        vendorCode: "bad_response",
        message: `unreadable answer to ${action}`,
      });
    }
    // success / error
    const standard = standardCode(code, opts.unknownCode ?? "vendor_unavailable");
    if (standard !== "ok") {
      const msg = str(reply.body, "msg");
      const note = isDocumented(code) ? "" : " (undocumented code)";
      return failed(sent, {
        code: standard,
        vendorCode: code,
        message: `${this.label}: ${msg ?? `code ${code}`}${note}`,
      });
    }
    return succeeded(sent, code, { body: reply.body });
  }
}
