import type { Result, VendorError, VendorErrorCode } from "../../domain/errors.js";
import type { VendorTransport } from "../transport.js";
import { isDocumented, standardCode } from "./codes.js";
import { signedForm } from "./signing.js";
import { decodeBody, isHtml, type Node, parseReply, str } from "./wire.js";

export interface M1905Answer {
  root: string;
  body: Node;
  callId: string;
}

export interface CallOptions {
  /** The call changes something at 1905: an unreadable answer is an unknown outcome, not a failure. */
  sideEffect?: boolean;
  /** What an undocumented ResultCode means for this call (codes.ts). */
  unknownCode?: VendorErrorCode;
  /** Values to mask in the recording (card passwords). */
  mask?: readonly string[];
}

/**
 * One 1905 call, in the order every client follows: build (the signed form) → commit (the shared
 * transport) → parse (the XML document) → success (ResultCode 0) / error. The error always carries
 * the vendor's ResultCode and ResultMsg, documented or not.
 */
export class M1905Client {
  constructor(
    private readonly transport: VendorTransport,
    private readonly baseUrl: string,
    private readonly credentials: { appCode: string; key: string },
  ) {}

  /** `{base}/{Method}`: the base URL may carry a path (e.g. `…/Api`). */
  path(method: string): string {
    const prefix = new URL(this.baseUrl).pathname.replace(/\/+$/, "");
    return `${prefix}/${method}`;
  }

  async call(
    method: string,
    params: ReadonlyArray<readonly [string, string]> = [],
    opts: CallOptions = {},
  ): Promise<Result<M1905Answer>> {
    // build
    const body = signedForm(this.credentials.appCode, params, this.credentials.key);
    // commit
    const sent = await this.transport.send({
      call: `m1905.${method}`,
      method: "POST",
      path: this.path(method),
      body,
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
      ...(opts.mask?.length ? { mask: opts.mask } : {}),
    });
    if (!sent.ok) return { ok: false, error: sent.error };
    const fail = (error: Omit<VendorError, "callId">): Result<never> => {
      sent.finish({ outcome: error.code, vendorCode: error.vendorCode });
      return { ok: false, error: { ...error, callId: sent.callId } };
    };
    const unreadable = opts.sideEffect ? "outcome_unknown" : "vendor_unavailable";
    // parse
    if (sent.status === 429) {
      return fail({ code: "rate_limited", vendorCode: "http_429", message: `1905 refused ${method}: too many calls` });
    }
    if (sent.status === 404) {
      return fail({ code: "config_error", vendorCode: "http_404", message: `1905 has no ${method}: check baseUrl` });
    }
    if (sent.status !== 200) {
      return fail({
        code: "vendor_unavailable",
        vendorCode: `http_${sent.status}`,
        message: `1905 answered HTTP ${sent.status} to ${method}`,
      });
    }
    const text = decodeBody(sent.body, sent.bytes, sent.contentType);
    if (isHtml(text)) {
      return fail({
        code: unreadable,
        vendorCode: "html_page",
        message: `1905 answered ${method} with a web page instead of XML`,
      });
    }
    const reply = parseReply(text);
    const code = reply && str(reply.body, "ResultCode");
    if (!reply || code === undefined) {
      return fail({ code: unreadable, vendorCode: "bad_response", message: `unreadable answer to ${method}` });
    }
    // success / error
    const standard = code === "0" ? "ok" : standardCode(code, opts.unknownCode ?? "vendor_unavailable");
    if (standard !== "ok") {
      const msg = str(reply.body, "ResultMsg");
      const note = isDocumented(code) ? "" : " (undocumented code)";
      return fail({ code: standard, vendorCode: code, message: `${msg ?? `ResultCode ${code}`}${note}` });
    }
    sent.finish({ outcome: "ok", vendorCode: code });
    return { ok: true, value: { root: reply.root, body: reply.body, callId: sent.callId } };
  }
}
