import { createHmac } from "node:crypto";
import type { Result } from "../../domain/errors.js";
import type { VendorTransport } from "../transport.js";
import { failed, notFound, succeeded, unanswered, unreadable } from "../wire/call.js";
import { asObject, type Wire } from "../wire/read.js";
import { basePath } from "../wire/request.js";
import { standardCode } from "./codes.js";

export interface __Id__Answer {
  data: Wire;
  callId: string;
}

/**
 * One call, in the order every client follows: build → commit (the shared transport) → parse →
 * success / error, with the shared call outcomes of `../wire/call.js` (what an unreadable answer
 * and a read with no answer mean). TODO: the vendor's real envelope and signature; this one is the
 * scaffold's (POST JSON to {base}/api/<call>, HMAC-SHA256 of the body in x-signature).
 */
export class __Id__Client {
  constructor(
    private readonly transport: VendorTransport,
    private readonly baseUrl: string,
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
      path: `${basePath(this.baseUrl)}/api/${call}`,
      body,
      headers: { "content-type": "application/json", "x-signature": signature },
    });
    if (!sent.ok) return unanswered(sent.error, sideEffect);
    if (sent.status === 404) return notFound(sent, `__id__ has no ${call}: check baseUrl`);
    // parse
    let answer: Wire | undefined;
    try {
      answer = asObject(JSON.parse(sent.body));
    } catch (e) {
      return unreadable(sent, sideEffect, call, (e as Error).message);
    }
    if (!answer || answer.code === undefined) return unreadable(sent, sideEffect, call, "no result code");
    // success / error
    const code = String(answer.code);
    const standard = standardCode(code);
    if (standard !== "ok")
      return failed(sent, { code: standard, vendorCode: code, message: String(answer.message ?? code) });
    return succeeded(sent, code, { data: asObject(answer.data) ?? {} });
  }
}
