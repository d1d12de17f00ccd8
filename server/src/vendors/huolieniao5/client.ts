import type { Result, VendorError, VendorErrorCode } from "../../domain/errors.js";
import { decodeBody, isHtml, type Node, parseReply, str } from "../m1905/wire.js";
import type { VendorTransport } from "../transport.js";
import { isDocumented, standardCode } from "./codes.js";
import { signedForm } from "./signing.js";

export interface NgcAnswer {
  /** The `<reply>` element's children. */
  body: Node;
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
    const prefix = new URL(this.baseUrl).pathname.replace(/\/+$/, "");
    return `${prefix}/${action}.xml`;
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
    if (!sent.ok) return { ok: false, error: sent.error };
    const fail = (error: Omit<VendorError, "callId">): Result<never> => {
      sent.finish({ outcome: error.code, vendorCode: error.vendorCode });
      return { ok: false, error: { ...error, callId: sent.callId } };
    };
    const unreadable = opts.sideEffect ? "outcome_unknown" : "vendor_unavailable";
    // parse
    if (sent.status === 429) {
      return fail({
        code: "rate_limited",
        vendorCode: "http_429",
        message: `${this.label} refused ${action}: too many calls`,
      });
    }
    if (sent.status === 404) {
      return fail({
        code: "config_error",
        vendorCode: "http_404",
        message: `${this.label} has no ${action}.xml: check baseUrl`,
      });
    }
    if (sent.status !== 200) {
      return fail({
        code: "vendor_unavailable",
        vendorCode: `http_${sent.status}`,
        message: `${this.label} answered HTTP ${sent.status} to ${action}`,
      });
    }
    const text = decodeBody(sent.body, sent.bytes, sent.contentType);
    if (isHtml(text)) {
      return fail({
        code: unreadable,
        vendorCode: "html_page",
        message: `${this.label} answered ${action} with a web page instead of XML`,
      });
    }
    const reply = parseReply(text);
    const code = reply?.root === "reply" ? str(reply.body, "code") : undefined;
    if (!reply || code === undefined) {
      return fail({ code: unreadable, vendorCode: "bad_response", message: `unreadable answer to ${action}` });
    }
    // success / error
    const standard = standardCode(code, opts.unknownCode ?? "vendor_unavailable");
    if (standard !== "ok") {
      const msg = str(reply.body, "msg");
      const note = isDocumented(code) ? "" : " (undocumented code)";
      return fail({ code: standard, vendorCode: code, message: `${this.label}: ${msg ?? `code ${code}`}${note}` });
    }
    sent.finish({ outcome: "ok", vendorCode: code });
    return { ok: true, value: { body: reply.body, callId: sent.callId } };
  }
}
