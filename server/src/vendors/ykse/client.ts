import type { Result, VendorError } from "../../domain/errors.js";
import type { Clock } from "../../domain/time.js";
import type { VendorTransport } from "../transport.js";
import { mapCode } from "./codes.js";
import { buildParams, signedParams } from "./signing.js";

/**
 * One ykse call: build the signed `/route` request (§1–2) → commit it through the shared
 * transport → parse the two-layer envelope (§1.6, §9) → success or a standard error. Every
 * other file of the connector goes through `YkseClient.call`.
 */
export interface YkseCall {
  /** Full api name, e.g. "ykse.partner.seat.lockSeats". */
  api: string;
  data?: Record<string, unknown>;
  /** Changes state at the vendor: ambiguous answers become outcome_unknown. */
  sideEffect?: boolean;
  /** Documented as idempotent by the vendor: the transport may resend it after a timeout. */
  idempotent?: boolean;
  /** Business codes other than SUCCESS that are answers of this call (e.g. PRINT_TICKET_ALLOW). */
  accept?: readonly string[];
  /** Call-specific values to mask in the recording (encrypted card passwords, mobiles …). */
  mask?: readonly string[];
  /** Extra public parameters (pageNo, pageSize). */
  extra?: Record<string, string>;
  timeoutMs?: number;
}

export interface YkseAnswer {
  bizCode: string;
  bizMsg: string;
  /** The business payload `data.data` (object or array), undefined when absent. */
  data: unknown;
  /** `data.dataList` for list calls. */
  dataList: unknown[] | undefined;
  callId: string;
}

export interface YkseClientOptions {
  transport: VendorTransport;
  channelCode: string;
  secret: string;
  clock: Clock;
}

export class YkseClient {
  constructor(private readonly opts: YkseClientOptions) {}

  // --- build request ---------------------------------------------------------------------------

  /** The form body sent for a call (exposed so tests can assert the exact request). */
  buildBody(call: YkseCall): string {
    const params = buildParams({
      api: call.api,
      channelCode: this.opts.channelCode,
      timestampMs: this.opts.clock.now(),
      data: call.data,
      extra: call.extra,
    });
    return new URLSearchParams(signedParams(params, this.opts.secret)).toString();
  }

  // --- commit ----------------------------------------------------------------------------------

  async call(call: YkseCall): Promise<Result<YkseAnswer>> {
    const body = this.buildBody(call);
    const sent = await this.opts.transport.send({
      call: call.api,
      method: "POST",
      path: "/route",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
      body,
      idempotent: call.idempotent === true,
      mask: expandMasks(call.mask ?? []),
      ...(call.timeoutMs ? { timeoutMs: call.timeoutMs } : {}),
    });
    if (!sent.ok) return { ok: false, error: transportError(sent.error, call.sideEffect === true) };

    // --- parse ---------------------------------------------------------------------------------
    const parsed = parseEnvelope(sent.body);
    const fail = (standard: VendorError["code"], vendorCode: string, message: string): Result<never> => {
      sent.finish({ outcome: standard, vendorCode });
      return { ok: false, error: { code: standard, vendorCode, message, callId: sent.callId } };
    };
    if (!parsed) {
      const code = call.sideEffect ? "outcome_unknown" : "vendor_unavailable";
      return fail(code, `http_${sent.status}`, `unreadable ykse answer (HTTP ${sent.status})`);
    }

    // --- success / error -----------------------------------------------------------------------
    if (parsed.retCode !== "0") {
      const m = mapCode("system", parsed.retCode, call.sideEffect === true);
      return fail(m.standard, parsed.retCode, `retCode ${parsed.retCode} ${parsed.retMsg || m.message}`);
    }
    const bizCode = parsed.bizCode ?? "";
    if (bizCode !== "SUCCESS" && !(call.accept ?? []).includes(bizCode)) {
      const m = mapCode("business", bizCode || "(missing)", call.sideEffect === true);
      return fail(m.standard, bizCode || "(missing)", `${bizCode} ${parsed.bizMsg || m.message}`.trim());
    }
    sent.finish({ outcome: "ok", vendorCode: bizCode });
    return {
      ok: true,
      value: {
        bizCode,
        bizMsg: parsed.bizMsg ?? "",
        data: parsed.data,
        dataList: parsed.dataList,
        callId: sent.callId,
      },
    };
  }
}

interface Envelope {
  retCode: string;
  retMsg: string;
  bizCode?: string;
  bizMsg?: string;
  data: unknown;
  dataList: unknown[] | undefined;
}

/** `{api, v, retCode, retMsg, data: {bizCode, bizMsg, data | dataList}}`; undefined if not that. */
export function parseEnvelope(text: string): Envelope | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  if (b.retCode === undefined || b.retCode === null) return undefined;
  const biz = (b.data && typeof b.data === "object" ? b.data : {}) as Record<string, unknown>;
  return {
    retCode: String(b.retCode),
    retMsg: typeof b.retMsg === "string" ? b.retMsg : "",
    bizCode: typeof biz.bizCode === "string" ? biz.bizCode : undefined,
    bizMsg: typeof biz.bizMsg === "string" ? biz.bizMsg : undefined,
    data: biz.data,
    dataList: Array.isArray(biz.dataList) ? biz.dataList : undefined,
  };
}

/** A read that got no answer changed nothing: it is unavailable, not "unknown". */
function transportError(err: VendorError, sideEffect: boolean): VendorError {
  if (!sideEffect && err.code === "outcome_unknown") return { ...err, code: "vendor_unavailable" };
  return err;
}

/**
 * The request body is form-encoded and its `data` is JSON, so a value appears in the recording
 * form-encoded (`/` → `%2F`, `+` → `%2B`, …): mask every spelling of it.
 */
export function expandMasks(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    out.add(v);
    out.add(new URLSearchParams({ x: v }).toString().slice(2));
    out.add(encodeURIComponent(v));
    const json = JSON.stringify(v).slice(1, -1);
    out.add(json);
    out.add(new URLSearchParams({ x: json }).toString().slice(2));
  }
  return [...out];
}
