import type { Result } from "../../domain/errors.js";
import type { Host } from "../member-host.js";
import { failed, notFound, succeeded, unanswered, unreadable, unreadableCode } from "../wire/call.js";
import { UnreadableAnswer } from "../wire/read.js";
import { basePath, formSpellings } from "../wire/request.js";
import { standardCode } from "./codes.js";
import { signedParams } from "./signing.js";
import { type DxEnvelope, decodeBody, parseEnvelope } from "./wire.js";

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

/**
 * One 鼎新 call: build (params + `pid` + `_sig`) → commit (form POST, UTF-8, to `{base}/{action}`)
 * → parse (XML `<root>` or JSON `res`, any charset the answer declares) → success (`status` 1) or
 * error (`status` 0 with `errorCode` / `errorMessage`). The XML default is asked for (no `format`),
 * as CEC does.
 */
export class DingxinClient {
  constructor(
    private readonly ticketing: Host,
    private readonly members: Host,
    private readonly pid: string,
    private readonly authCode: string,
  ) {}

  /** `{base}/{action}`, keeping any path the base URL has. */
  static path(baseUrl: string, action: string): string {
    return `${basePath(baseUrl)}/${action}`;
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
      mask: formSpellings(c.mask ?? []),
    });
    if (!sent.ok) return unanswered(sent.error, c.sideEffect);
    if (sent.status === 404) return notFound(sent, `鼎新 has no ${c.action}: check baseUrl`);
    // parse
    let envelope: DxEnvelope;
    try {
      envelope = parseEnvelope(decodeBody(sent.bytes, sent.contentType));
    } catch (e) {
      if (!(e instanceof UnreadableAnswer)) throw e;
      return unreadable(sent, c.sideEffect, c.action, e.message);
    }
    // success / error
    if (envelope.status === "1") return succeeded(sent, envelope.errorCode || "1", { envelope, data: envelope.data });
    const unknown = unreadableCode(c.sideEffect);
    const standard =
      envelope.status === "0" ? standardCode(envelope.errorCode, envelope.errorMessage, unknown) : unknown;
    return failed(sent, {
      code: standard === "ok" ? unknown : standard,
      vendorCode: envelope.errorCode || `status_${envelope.status}`,
      message: envelope.errorMessage || `鼎新 ${c.action} failed (errorCode ${envelope.errorCode || "-"})`,
    });
  }
}
