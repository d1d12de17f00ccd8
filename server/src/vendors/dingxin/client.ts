import type { Result, VendorError, VendorErrorCode } from "../../domain/errors.js";
import type { VendorTransport } from "../transport.js";
import { standardCode } from "./codes.js";
import { signedParams } from "./signing.js";
import { type DxEnvelope, decodeBody, parseEnvelope, UnreadableAnswer } from "./wire.js";

export interface DingxinCall {
  /** Slash action such as `cinema/plays` (public-refs §4.3/§4.4). */
  action: string;
  params?: Record<string, string>;
  /** The call changes something at the vendor: a lost or garbled answer is an unknown outcome. */
  sideEffect?: boolean;
  /** Member-card calls go to the member host (`mapi.*`, §4.4). */
  member?: boolean;
  /** Call-specific values to mask in the recording (card numbers' passwords, mobiles …). */
  mask?: readonly string[];
}

export interface DingxinAnswer {
  envelope: DxEnvelope;
  data: unknown;
  callId: string;
}

/** Values appear in the recording form-encoded as well as raw: mask every spelling. */
function spellings(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    out.add(v);
    out.add(new URLSearchParams({ x: v }).toString().slice(2));
    out.add(encodeURIComponent(v));
  }
  return [...out];
}

/**
 * One 鼎新 call: build (params + `pid` + `_sig`) → commit (form POST, UTF-8, to `{base}/{action}`)
 * → parse (XML `<root>` or JSON `res`, any charset the answer declares) → success (`status` 1) or
 * error (`status` 0 with `errorCode` / `errorMessage`). The XML default is asked for (no `format`),
 * as CEC does.
 */
export class DingxinClient {
  constructor(
    private readonly ticketing: { transport: VendorTransport; baseUrl: string },
    private readonly members: { transport: VendorTransport; baseUrl: string },
    private readonly pid: string,
    private readonly authCode: string,
  ) {}

  /** `{base}/{action}`, keeping any path the base URL has. */
  static path(baseUrl: string, action: string): string {
    return `${new URL(baseUrl).pathname.replace(/\/+$/, "")}/${action}`;
  }

  async call(c: DingxinCall): Promise<Result<DingxinAnswer>> {
    // build
    const params = signedParams(c.params ?? {}, this.pid, this.authCode);
    const host = c.member ? this.members : this.ticketing;
    // commit
    const sent = await host.transport.send({
      call: `dingxin.${c.action}`,
      method: "POST",
      path: DingxinClient.path(host.baseUrl, c.action),
      body: new URLSearchParams(params).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      mask: spellings(c.mask ?? []),
    });
    if (!sent.ok) {
      // A read that got no answer changed nothing: it is unavailable, not unknown.
      const e = sent.error;
      return {
        ok: false,
        error: !c.sideEffect && e.code === "outcome_unknown" ? { ...e, code: "vendor_unavailable" } : e,
      };
    }
    const fail = (error: Omit<VendorError, "callId">): Result<never> => {
      sent.finish({ outcome: error.code, vendorCode: error.vendorCode });
      return { ok: false, error: { ...error, callId: sent.callId } };
    };
    if (sent.status === 404) {
      return fail({ code: "config_error", vendorCode: "http_404", message: `鼎新 has no ${c.action}: check baseUrl` });
    }
    // parse
    let envelope: DxEnvelope;
    try {
      envelope = parseEnvelope(decodeBody(sent.bytes, sent.contentType));
    } catch (e) {
      if (!(e instanceof UnreadableAnswer)) throw e;
      return fail({
        code: c.sideEffect ? "outcome_unknown" : "vendor_unavailable",
        vendorCode: sent.status === 200 ? "bad_response" : `http_${sent.status}`,
        message: `unreadable answer to ${c.action} (HTTP ${sent.status}): ${e.message}`,
      });
    }
    // success / error
    if (envelope.status === "1") {
      sent.finish({ outcome: "ok", vendorCode: envelope.errorCode || "1" });
      return { ok: true, value: { envelope, data: envelope.data, callId: sent.callId } };
    }
    const unknown: VendorErrorCode = c.sideEffect ? "outcome_unknown" : "vendor_unavailable";
    const standard =
      envelope.status === "0" ? standardCode(envelope.errorCode, envelope.errorMessage, unknown) : unknown;
    return fail({
      code: standard === "ok" ? unknown : standard,
      vendorCode: envelope.errorCode || `status_${envelope.status}`,
      message: envelope.errorMessage || `鼎新 ${c.action} failed (errorCode ${envelope.errorCode || "-"})`,
    });
  }
}
