import type { Result, VendorError } from "../../domain/errors.js";
import type { Clock } from "../../domain/time.js";
import type { VendorTransport } from "../transport.js";
import { isSuccess, resultCodes, standardCode } from "./codes.js";
import { type Envelope, type LingdongFormat, parseEnvelope } from "./envelope.js";
import { lingdongHashcode } from "./hashcode.js";
import { lingdongTimestamp, REQ_ID } from "./request-id.js";

export type LingdongCallName =
  | "cities"
  | "regionsByCity"
  | "cinemasByRegion"
  | "kinds"
  | "cinemasByKind"
  | "buyByCinema"
  | "buyByKind"
  | "payByCard"
  | "status"
  | "ban";

export interface LingdongCredentials {
  partnerId: string;
  secId: string;
  busId: string;
  md5Key: string;
}

/** Protocol version "1000" (the document's example: 主版本 1, 次版本 0, 修订 00). */
export const VERSION = "1000";

export interface LingdongAnswer extends Envelope {
  callId: string;
}

/**
 * One call: the common parameters in the documented order (partner_id, sec_id, bus_id, req_id, ver,
 * timestamp), our `format` switch, the call's own parameters, `hashcode` last; POSTed as a form to
 * `/movTicket/<call>`. Answers in XML or JSON; a code outside 2xx is a `Result` error.
 */
export class LingdongClient {
  constructor(
    private readonly transport: VendorTransport,
    private readonly baseUrl: string,
    private readonly credentials: LingdongCredentials,
    private readonly format: LingdongFormat,
    private readonly clock: Clock,
  ) {}

  path(call: LingdongCallName): string {
    const prefix = new URL(this.baseUrl).pathname.replace(/\/+$/, "");
    return `${prefix}/movTicket/${call}`;
  }

  async call(
    call: LingdongCallName,
    reqId: string,
    params: Record<string, string> = {},
    opts: { sideEffect?: boolean } = {},
  ): Promise<Result<LingdongAnswer>> {
    // build request
    if (!REQ_ID.test(reqId)) throw new RangeError(`req_id must be 1-19 letters or digits: ${reqId}`);
    const c = this.credentials;
    const common = {
      partner_id: c.partnerId,
      sec_id: c.secId,
      bus_id: c.busId,
      req_id: reqId,
      ver: VERSION,
      timestamp: lingdongTimestamp(this.clock.now()),
    };
    const form = new URLSearchParams({ ...common, format: this.format, ...params });
    form.append("hashcode", lingdongHashcode(common, c.md5Key));
    // commit
    const sent = await this.transport.send({
      call: `lingdong.${call}`,
      method: "POST",
      path: this.path(call),
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: form.toString(),
    });
    if (!sent.ok) return { ok: false, error: sent.error };
    // parse
    const fail = (error: Omit<VendorError, "callId">): Result<never> => {
      sent.finish({ outcome: error.code, vendorCode: error.vendorCode });
      return { ok: false, error: { ...error, callId: sent.callId } };
    };
    let env: Envelope;
    try {
      env = parseEnvelope(sent.body);
    } catch (e) {
      return fail({
        code: sent.status === 404 ? "config_error" : opts.sideEffect ? "outcome_unknown" : "vendor_unavailable",
        vendorCode: sent.status === 200 ? "bad_response" : `http_${sent.status}`,
        message: `unreadable answer to ${call} (HTTP ${sent.status}): ${(e as Error).message}`,
      });
    }
    // success / error
    const standard = standardCode(env.code);
    if (standard !== "ok" || !isSuccess(env.code)) {
      const what = env.error ? `${env.error.message}${env.error.type ? ` (${env.error.type})` : ""}` : "";
      return fail({
        code: standard === "ok" ? "vendor_unavailable" : standard,
        vendorCode: String(env.code),
        message: what || resultCodes[env.code]?.meaning || `code ${env.code}`,
      });
    }
    sent.finish({ outcome: "ok", vendorCode: String(env.code) });
    return { ok: true, value: { ...env, callId: sent.callId } };
  }
}
