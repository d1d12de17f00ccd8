import { randomUUID } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleAll } from "cockatiel";
import PQueue from "p-queue";
import { Agent, request } from "undici";
import type { VendorError } from "../domain/errors.js";
import type { Clock } from "../domain/time.js";
import { type CallRecorder, maskForRecord } from "./call-recorder.js";

export interface TransportOptions {
  vendor: string;
  accountId: string;
  baseUrl: string;
  clock: Clock;
  recorder: CallRecorder;
  /** Values to mask in recordings (the account's secrets); connectors add call-specific ones per request. */
  secrets: readonly string[];
  timeoutMs?: number;
  /** Calls per second allowed for this account; queued beyond that, never sent early. */
  ratePerSecond?: number;
  concurrency?: number;
  /** Consecutive transport failures that open the breaker, and how long it stays open. */
  breakerThreshold?: number;
  breakerHalfOpenAfterMs?: number;
}

export interface HttpCall {
  /** Name recorded for support staff, e.g. "ykse.partner.schedule.getSchedules". */
  call: string;
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** The vendor documents the call as safe to repeat. For GETs the transport then retries a timeout. */
  idempotent?: boolean;
  timeoutMs?: number;
  /** Extra values to mask in the recording (card passwords, …). */
  mask?: readonly string[];
}

export type HttpOutcome =
  | {
      ok: true;
      status: number;
      /** The answer decoded as UTF-8. */
      body: string;
      /** The answer's bytes (after gzip), for vendors that may answer in GBK / GB2312. */
      bytes?: Buffer;
      /** The answer's content-type header, when it sent one. */
      contentType?: string;
      callId: string;
      finish(outcome: RecordOutcome): void;
    }
  | { ok: false; error: VendorError };

/** What the connector learned from parsing the body, to complete the recording. */
export interface RecordOutcome {
  outcome: "ok" | VendorError["code"];
  vendorCode?: string;
}

/** undici errors raised before the request left this machine: safe to retry. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH"]);

/**
 * The one way connectors talk HTTP: keep-alive pool, per-call timeout, gzip, a per-account rate
 * limit and circuit breaker, retry only where it cannot double a side effect, and a masked,
 * bounded recording of every call.
 */
export class VendorTransport {
  private readonly agent: Agent;
  private readonly queue: PQueue;
  private readonly breaker;

  constructor(private readonly opts: TransportOptions) {
    this.agent = new Agent({ keepAliveTimeout: 30_000, connections: opts.concurrency ?? 16 });
    const rate = opts.ratePerSecond ?? 0;
    this.queue = new PQueue({
      concurrency: opts.concurrency ?? 16,
      // Evenly spaced starts, not `rate` per fixed one-second window: windows let a burst at the end
      // of one and the start of the next reach the vendor within the same second (B3 saw 2× the
      // limit). One start per ⌈1000 / rate⌉ + 1 ms keeps every sliding second within the limit.
      ...(rate > 0 ? { intervalCap: 1, interval: Math.ceil(1000 / rate) + 1, carryoverConcurrencyCount: true } : {}),
    });
    this.breaker = circuitBreaker(handleAll, {
      halfOpenAfter: opts.breakerHalfOpenAfterMs ?? 10_000,
      breaker: new ConsecutiveBreaker(opts.breakerThreshold ?? 5),
    });
  }

  async send(http: HttpCall): Promise<HttpOutcome> {
    const attempts = 3;
    let last: HttpOutcome | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      last = await this.queue.add(() => this.sendOnce(http), { throwOnTimeout: true });
      if (last.ok) return last;
      // A request that never left may be resent at once, and so may a safe read (VISTA §3.3 asks
      // for three tries). A write that was sent without an answer is the recovery policy's to
      // settle, at the vendor's own pace — even an idempotent one (ykse §5.3: ≥ 15 s apart).
      const neverSent = last.error.code === "vendor_unavailable" && last.error.vendorCode === "never_sent";
      const safeRead = last.error.code === "outcome_unknown" && http.idempotent === true && http.method === "GET";
      if (!neverSent && !safeRead) return last;
    }
    return last!;
  }

  private async sendOnce(http: HttpCall): Promise<HttpOutcome> {
    const url = new URL(http.path, this.opts.baseUrl);
    for (const [k, v] of Object.entries(http.query ?? {})) url.searchParams.set(k, v);
    const startedAt = this.opts.clock.now();
    const realStart = performance.now();
    const callId = randomUUID();
    const secrets = [...this.opts.secrets, ...(http.mask ?? [])];
    const requestText = `${http.method} ${url.pathname}${url.search}${http.body ? `\n\n${http.body}` : ""}`;
    const record = (outcome: RecordOutcome, status: number | undefined, response: string) =>
      this.opts.recorder.record({
        id: callId,
        vendor: this.opts.vendor,
        accountId: this.opts.accountId,
        call: http.call,
        startedAt,
        durationMs: Math.round(performance.now() - realStart),
        outcome: outcome.outcome,
        httpStatus: status,
        vendorCode: outcome.vendorCode,
        request: maskForRecord(requestText, secrets),
        response: maskForRecord(response, secrets),
      });

    try {
      const res = await this.breaker.execute(async () => {
        const timeout = http.timeoutMs ?? this.opts.timeoutMs ?? 10_000;
        const r = await request(url, {
          method: http.method,
          headers: { "accept-encoding": "gzip", ...(http.headers ?? {}) },
          body: http.body,
          dispatcher: this.agent,
          headersTimeout: timeout,
          bodyTimeout: timeout,
        });
        const raw = Buffer.from(await r.body.arrayBuffer());
        const bytes = r.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
        const body = bytes.toString("utf8");
        if (r.statusCode >= 500) throw new VendorHttpError(r.statusCode, body);
        const type = r.headers["content-type"];
        return { status: r.statusCode, body, bytes, contentType: Array.isArray(type) ? type[0] : type };
      });
      let finished = false;
      return {
        ok: true,
        status: res.status,
        body: res.body,
        bytes: res.bytes,
        ...(res.contentType === undefined ? {} : { contentType: res.contentType }),
        callId,
        finish: (outcome) => {
          if (finished) return;
          finished = true;
          record(outcome, res.status, res.body);
        },
      };
    } catch (err) {
      const error = classify(err, callId);
      record(
        { outcome: error.code, vendorCode: error.vendorCode },
        err instanceof VendorHttpError ? err.status : undefined,
        String(err instanceof VendorHttpError ? err.body : (err as Error).message),
      );
      return { ok: false, error };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

class VendorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}`);
  }
}

function classify(err: unknown, callId: string): VendorError {
  if (err instanceof BrokenCircuitError) {
    return {
      code: "vendor_unavailable",
      vendorCode: "circuit_open",
      message: "vendor circuit open after repeated failures",
      callId,
    };
  }
  if (err instanceof VendorHttpError) {
    return {
      code: "vendor_unavailable",
      vendorCode: `http_${err.status}`,
      message: `vendor answered HTTP ${err.status}`,
      callId,
    };
  }
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (code && NEVER_SENT.has(code)) {
    return { code: "vendor_unavailable", vendorCode: "never_sent", message: `request not sent: ${code}`, callId };
  }
  // Sent (or possibly sent) and no complete answer: only the vendor knows what happened.
  return {
    code: "outcome_unknown",
    vendorCode: code ?? "no_answer",
    message: `no answer from vendor: ${code ?? (err as Error).message}`,
    callId,
  };
}
