import type { Result, VendorError } from "../../domain/errors.js";
import type { Clock } from "../../domain/time.js";
import type { VendorTransport } from "../transport.js";
import { unanswered } from "../wire/call.js";
import { formSpellings } from "../wire/request.js";
import { type CodeEntry, mapCode } from "./codes.js";
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

/**
 * A gateway that speaks the ykse envelope and signing under other api and field names (凤凰云智's
 * "lark" gateway, vendors/yunzhi): the connector keeps calling with partner names and shapes, the
 * dialect rewrites them on the wire. Absent for ykse itself.
 */
export interface YkseDialect {
  /** The wire path of every call. */
  path: string;
  /** GET puts the signed parameters in the query string; POST form-encodes them. */
  method: "GET" | "POST";
  /** Partner api name → the gateway's api name. */
  api(partnerApi: string): string;
  /** The business parameters in the gateway's field names. */
  request(partnerApi: string, data: Record<string, unknown> | undefined): Record<string, unknown> | undefined;
  /** The gateway's business payload in the partner's field names. */
  reply(
    partnerApi: string,
    payload: { data: unknown; dataList: unknown[] | undefined },
  ): {
    data: unknown;
    dataList: unknown[] | undefined;
  };
  /** Business codes the gateway adds to the document's. */
  businessCodes?: Readonly<Record<string, CodeEntry>>;
}

export interface YkseClientOptions {
  transport: VendorTransport;
  channelCode: string;
  secret: string;
  clock: Clock;
  dialect?: YkseDialect;
}

export class YkseClient {
  constructor(private readonly opts: YkseClientOptions) {}

  // --- build request ---------------------------------------------------------------------------

  /** The signed parameters sent for a call, in the gateway's names (exposed so tests can assert the exact request). */
  signedRequest(call: YkseCall): Record<string, string> {
    const dialect = this.opts.dialect;
    const params = buildParams({
      api: dialect ? dialect.api(call.api) : call.api,
      channelCode: this.opts.channelCode,
      timestampMs: this.opts.clock.now(),
      data: dialect ? dialect.request(call.api, call.data) : call.data,
      extra: call.extra,
    });
    return signedParams(params, this.opts.secret);
  }

  /** The form body sent for a call (exposed so tests can assert the exact request). */
  buildBody(call: YkseCall): string {
    return new URLSearchParams(this.signedRequest(call)).toString();
  }

  // --- commit ----------------------------------------------------------------------------------

  async call(call: YkseCall): Promise<Result<YkseAnswer>> {
    const dialect = this.opts.dialect;
    const params = this.signedRequest(call);
    const wire =
      dialect?.method === "GET"
        ? { method: "GET" as const, query: params }
        : {
            method: "POST" as const,
            headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
            body: new URLSearchParams(params).toString(),
          };
    const sent = await this.opts.transport.send({
      call: params.api as string,
      path: dialect?.path ?? "/route",
      ...wire,
      idempotent: call.idempotent === true,
      mask: expandMasks(call.mask ?? []),
      ...(call.timeoutMs ? { timeoutMs: call.timeoutMs } : {}),
    });
    if (!sent.ok) return unanswered(sent.error, call.sideEffect);

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
      const m = mapCode("business", bizCode || "(missing)", call.sideEffect === true, dialect?.businessCodes);
      return fail(m.standard, bizCode || "(missing)", `${bizCode} ${parsed.bizMsg || m.message}`.trim());
    }
    sent.finish({ outcome: "ok", vendorCode: bizCode });
    const payload = { data: parsed.data, dataList: parsed.dataList };
    const { data, dataList } = dialect ? dialect.reply(call.api, payload) : payload;
    return { ok: true, value: { bizCode, bizMsg: parsed.bizMsg ?? "", data, dataList, callId: sent.callId } };
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

/**
 * The request body is form-encoded and its `data` is JSON, so a value appears in the recording
 * form-encoded (`/` → `%2F`, `+` → `%2B`, …): mask every spelling of it.
 */
export function expandMasks(values: readonly string[]): string[] {
  return formSpellings(values.flatMap((v) => (v ? [v, JSON.stringify(v).slice(1, -1)] : [])));
}
