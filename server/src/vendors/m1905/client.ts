import type { Result, VendorErrorCode } from "../../domain/errors.js";
import type { VendorTransport } from "../transport.js";
import { failed, succeeded, unreadableCode } from "../wire/call.js";
import { str, type Wire } from "../wire/read.js";
import { basePath } from "../wire/request.js";
import { readXmlAnswer } from "../wire/xml-document.js";
import { isDocumented, standardCode } from "./codes.js";
import { signedForm } from "./signing.js";

export interface M1905Answer {
  root: string;
  body: Wire;
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
    return `${basePath(this.baseUrl)}/${method}`;
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
    if (!sent.ok) return sent;
    // parse
    const read = readXmlAnswer(sent, opts.sideEffect, "1905", method);
    if (!read.ok) return read;
    const reply = read.value;
    const code = str(reply.body, "ResultCode");
    if (code === undefined) {
      return failed(sent, {
        code: unreadableCode(opts.sideEffect),
        vendorCode: "bad_response",
        message: `unreadable answer to ${method}`,
      });
    }
    // success / error
    const standard = code === "0" ? "ok" : standardCode(code, opts.unknownCode ?? "vendor_unavailable");
    if (standard !== "ok") {
      const msg = str(reply.body, "ResultMsg");
      const note = isDocumented(code) ? "" : " (undocumented code)";
      return failed(sent, { code: standard, vendorCode: code, message: `${msg ?? `ResultCode ${code}`}${note}` });
    }
    return succeeded(sent, code, { root: reply.root, body: reply.body });
  }
}
