import type { Result, VendorError } from "../../domain/errors.js";
import type { VendorTransport } from "../transport.js";
import { unanswered } from "../wire/call.js";
import { mapVistaCode } from "./codes.js";

/**
 * One VISTA Connect call: build the request (`connectapitoken` header, JSON body, the document's
 * case-sensitive path) → commit it through the shared transport → parse the JSON answer and the
 * call's own result field → success or a standard error, and complete the call's recording.
 * Every other file of the connector goes through `VistaClient.call`.
 */

/** Each service names its outcome field differently (§3.3–§3.12). OData answers have none. */
export type ResultField = "Result" | "ResponseCode" | "ResultCode";

export interface VistaRequest {
  /** The document's method name, recorded for support staff ("AddTickets", "Cinemas" …). */
  call: string;
  method: "GET" | "POST";
  /** Path below the application folder, query string already encoded: "/OData.svc/Cinemas?$format=json". */
  path: string;
  body?: Record<string, unknown>;
  resultField?: ResultField;
  /** Changes state at VISTA: an ambiguous answer becomes outcome_unknown, never a guess. */
  sideEffect?: boolean;
  /** Safe to resend after a timeout (reads). */
  idempotent?: boolean;
  /** Call-specific values to mask in the recording (the buyer's mobile …). */
  mask?: readonly string[];
}

export interface VistaAnswer {
  json: Record<string, unknown>;
  /** The call's result field as a number, when the call has one and it was present. */
  code: number | undefined;
  /** ErrorDescription / ResponseDescription. */
  description: string;
  callId: string;
}

export interface VistaCredentials {
  token: string;
  clientClass?: string;
  clientId: string;
  clientName?: string;
}

export const APP_FOLDER = "/WSVistaWebClient";

/** The application folder below the configured base URL (which may or may not already name it). */
export function appBasePath(baseUrl: string): string {
  const path = new URL(baseUrl).pathname.replace(/\/+$/, "");
  return /\/WSVistaWebClient$/i.test(path) ? path : `${path}${APP_FOLDER}`;
}

export class VistaClient {
  private readonly base: string;

  constructor(
    private readonly transport: VendorTransport,
    baseUrl: string,
    private readonly credentials: VistaCredentials,
  ) {
    this.base = appBasePath(baseUrl);
  }

  /** Third-party login fields of RestTicketing bodies (§3.5–§3.9). */
  get clientFields(): Record<string, string> {
    return {
      OptionalClientClass: this.credentials.clientClass ?? "RSP",
      OptionalClientId: this.credentials.clientId,
      OptionalClientName: this.credentials.clientName ?? "Cinegate",
    };
  }

  get clientId(): string {
    return this.credentials.clientId;
  }

  get clientClass(): string {
    return this.credentials.clientClass ?? "RSP";
  }

  // --- build request ---------------------------------------------------------------------------

  /** Headers sent with every token-protected call (§1 技术注意点 4). */
  headers(req: VistaRequest): Record<string, string> {
    return {
      connectapitoken: this.credentials.token,
      accept: "application/json",
      ...(req.method === "POST" ? { "content-type": "application/json" } : {}),
    };
  }

  // --- commit ----------------------------------------------------------------------------------

  async call<T>(req: VistaRequest, interpret: (answer: VistaAnswer) => Result<T>): Promise<Result<T>> {
    const sent = await this.transport.send({
      call: `vista.${req.call}`,
      method: req.method,
      path: `${this.base}${req.path}`,
      headers: this.headers(req),
      ...(req.body ? { body: JSON.stringify(req.body) } : {}),
      idempotent: req.idempotent === true,
      ...(req.mask ? { mask: req.mask } : {}),
    });
    if (!sent.ok) return transportError(sent.error, req.sideEffect === true);

    // --- parse ---------------------------------------------------------------------------------
    const finish = (result: Result<unknown>, code: number | undefined) => {
      sent.finish({
        outcome: result.ok ? "ok" : result.error.code,
        vendorCode: code !== undefined ? String(code) : result.ok ? undefined : result.error.vendorCode,
      });
    };
    const httpError = statusError(sent.status, sent.body);
    if (httpError) {
      const result: Result<never> = { ok: false, error: { ...httpError, callId: sent.callId } };
      finish(result, undefined);
      return result;
    }
    let json: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(sent.body);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      json = parsed as Record<string, unknown>;
    } catch {
      const result: Result<never> = {
        ok: false,
        error: {
          code: req.sideEffect ? "outcome_unknown" : "vendor_unavailable",
          vendorCode: "unparseable",
          message: `VISTA answered HTTP ${sent.status} with a body that is not a JSON object`,
          callId: sent.callId,
        },
      };
      finish(result, undefined);
      return result;
    }
    const code = req.resultField ? numberField(json[req.resultField]) : undefined;
    const description = String(json["ErrorDescription"] ?? json["ResponseDescription"] ?? "");
    if (req.resultField && code === undefined) {
      const result: Result<never> = {
        ok: false,
        error: {
          code: req.sideEffect ? "outcome_unknown" : "vendor_unavailable",
          vendorCode: "no_result_field",
          message: `VISTA answer has no ${req.resultField}`,
          callId: sent.callId,
        },
      };
      finish(result, undefined);
      return result;
    }
    // --- success / error -------------------------------------------------------------------------
    const result = interpret({ json, code, description, callId: sent.callId });
    finish(result, code);
    return result.ok ? result : { ok: false, error: { callId: sent.callId, ...result.error } };
  }
}

/** The standard error for a VISTA code, with the vendor's code and text for support staff. */
export function codeError(
  code: number,
  description: string,
  override?: VendorError["code"],
): { ok: false; error: VendorError } {
  const mapped = override ?? mapVistaCode(code);
  return {
    ok: false,
    error: {
      code: mapped === "ok" ? "vendor_unavailable" : mapped,
      vendorCode: String(code),
      message: description || `VISTA code ${code}`,
    },
  };
}

export function numberField(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

export function stringField(v: unknown): string | undefined {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

/** HTTP answers that are not a VISTA business answer. */
function statusError(status: number, body: string): Omit<VendorError, "callId"> | undefined {
  if (status >= 200 && status < 300) return undefined;
  const detail = errorText(body);
  if (status === 401 || status === 403) {
    return { code: "auth_failed", vendorCode: `http_${status}`, message: `connectapitoken refused: ${detail}` };
  }
  if (status === 429) return { code: "rate_limited", vendorCode: "http_429", message: `rate limited: ${detail}` };
  if (status === 404) {
    return {
      code: "config_error",
      vendorCode: "http_404",
      message: `no such VISTA resource (paths are case-sensitive; check the base URL): ${detail}`,
    };
  }
  return { code: "invalid_request", vendorCode: `http_${status}`, message: `VISTA refused the request: ${detail}` };
}

/** OData's `odata.error.message.value` or WCF's `Message`/`ExceptionMessage`. */
function errorText(body: string): string {
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    const odata = j["odata.error"] as { message?: { value?: string } } | undefined;
    const text = odata?.message?.value ?? j["ExceptionMessage"] ?? j["Message"] ?? j["ErrorDescription"];
    if (typeof text === "string") return text;
  } catch {
    // not JSON
  }
  return body.slice(0, 200);
}

/**
 * Transport failures. A read that got no answer is simply "VISTA unavailable" (the sync engine keeps
 * its cache, §2.1); a state-changing call that may have reached VISTA is outcome_unknown. A 500 from
 * VISTA's own server may come after the change was made; 502/503/504 come from in front of it.
 */
function transportError(error: VendorError, sideEffect: boolean): Result<never> {
  if (sideEffect && error.vendorCode === "http_500") return { ok: false, error: { ...error, code: "outcome_unknown" } };
  return unanswered(error, sideEffect);
}
