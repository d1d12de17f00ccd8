import { createHmac } from "node:crypto";
import type { Result, VendorError } from "../../domain/errors.js";
import type { VendorTransport } from "../transport.js";
import { standardCode } from "./codes.js";

export interface __Id__Answer {
  data: Record<string, unknown>;
  callId: string;
}

/**
 * One call, in the order every client follows: build → commit (the shared transport) → parse →
 * success / error. TODO: the vendor's real envelope and signature; this one is the scaffold's
 * (POST JSON to /api/<call>, HMAC-SHA256 of the body in x-signature).
 */
export class __Id__Client {
  constructor(
    private readonly transport: VendorTransport,
    private readonly credentials: { account: string; secret: string },
  ) {}

  async call(call: string, params: Record<string, unknown> = {}, sideEffect = false): Promise<Result<__Id__Answer>> {
    // build
    const body = JSON.stringify({ account: this.credentials.account, ...params });
    const signature = createHmac("sha256", this.credentials.secret).update(body).digest("hex");
    // commit
    const sent = await this.transport.send({
      call: `__id__.${call}`,
      method: "POST",
      path: `/api/${call}`,
      body,
      headers: { "content-type": "application/json", "x-signature": signature },
    });
    if (!sent.ok) return { ok: false, error: sent.error };
    const fail = (error: Omit<VendorError, "callId">): Result<never> => {
      sent.finish({ outcome: error.code, vendorCode: error.vendorCode });
      return { ok: false, error: { ...error, callId: sent.callId } };
    };
    // parse
    let answer: { code?: unknown; message?: unknown; data?: unknown };
    try {
      answer = JSON.parse(sent.body) as typeof answer;
    } catch {
      // A side effect whose answer cannot be read may have happened: the recovery policy asks.
      return fail({
        code: sideEffect ? "outcome_unknown" : "vendor_unavailable",
        vendorCode: `http_${sent.status}`,
        message: `unreadable answer to ${call}`,
      });
    }
    // success / error
    const code = String(answer.code ?? "");
    const standard = standardCode(code);
    if (standard !== "ok") return fail({ code: standard, vendorCode: code, message: String(answer.message ?? code) });
    sent.finish({ outcome: "ok", vendorCode: code });
    const data = answer.data && typeof answer.data === "object" ? (answer.data as Record<string, unknown>) : {};
    return { ok: true, value: { data, callId: sent.callId } };
  }
}
