import { randomUUID } from "node:crypto";
import { Agent, request } from "undici";
import type { Clock } from "../domain/time.js";
import { type CallRecorder, maskForRecord } from "../vendors/call-recorder.js";
import type { PaymentError } from "./codes.js";

/**
 * The payment providers' HTTP: like vendors/transport.ts (timeouts, a masked recording of every
 * call) but it hands back the response headers and the body of 4xx/5xx answers, because WeChat
 * signs every response, errors included, and the signature is in the headers (payments.md §1.4).
 * No automatic retry: a payment write is retried only by the caller, with the same parameters.
 */
export interface PaymentHttpOptions {
  provider: string;
  /** The merchant the calls are for (the recording's account). */
  accountId: string;
  clock: Clock;
  recorder?: CallRecorder;
  /** Values masked in the recording: keys, signatures' inputs never appear in logs. */
  secrets: readonly string[];
  timeoutMs?: number;
  /** A client certificate for mutual TLS (WeChat v2 refund). */
  clientCert?: { cert: string; key: string };
}

export interface PaymentHttpRequest {
  call: string;
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type PaymentHttpOutcome =
  | { ok: true; status: number; headers: Record<string, string>; body: string; callId: string }
  | { ok: false; error: PaymentError };

/** What every payment client is given beside its merchant's configuration. */
export interface PaymentClientOptions {
  clock: Clock;
  recorder?: CallRecorder;
  timeoutMs?: number;
}

/** A client's PaymentHttp options: its provider name, the merchant it calls for and what to mask. */
export const clientHttpOptions = (
  provider: string,
  accountId: string,
  secrets: readonly string[],
  opts: PaymentClientOptions,
): PaymentHttpOptions => ({
  provider,
  accountId,
  clock: opts.clock,
  ...(opts.recorder ? { recorder: opts.recorder } : {}),
  secrets,
  ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
});

const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH"]);

export class PaymentHttp {
  private readonly agent: Agent;

  constructor(private readonly opts: PaymentHttpOptions) {
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      connections: 16,
      ...(opts.clientCert ? { connect: { cert: opts.clientCert.cert, key: opts.clientCert.key } } : {}),
    });
  }

  async send(req: PaymentHttpRequest, mask: readonly string[] = []): Promise<PaymentHttpOutcome> {
    const callId = randomUUID();
    const startedAt = this.opts.clock.now();
    const realStart = performance.now();
    const secrets = [...this.opts.secrets, ...mask];
    const url = new URL(req.url);
    const requestText = `${req.method} ${url.pathname}${url.search}${req.body ? `\n\n${req.body}` : ""}`;
    const record = (outcome: "ok" | "outcome_unknown" | "vendor_unavailable", status?: number, response = "") =>
      this.opts.recorder?.record({
        id: callId,
        vendor: this.opts.provider,
        accountId: this.opts.accountId,
        call: req.call,
        startedAt,
        durationMs: Math.round(performance.now() - realStart),
        outcome,
        ...(status !== undefined ? { httpStatus: status } : {}),
        request: maskForRecord(requestText, secrets),
        response: maskForRecord(response, secrets),
      });
    const timeout = this.opts.timeoutMs ?? 10_000;
    try {
      const r = await request(url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      const body = await r.body.text();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers)) if (typeof v === "string") headers[k.toLowerCase()] = v;
      record(r.statusCode >= 500 ? "vendor_unavailable" : "ok", r.statusCode, body);
      return { ok: true, status: r.statusCode, headers, body, callId };
    } catch (err) {
      const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
      const neverSent = code !== undefined && NEVER_SENT.has(code);
      record(neverSent ? "vendor_unavailable" : "outcome_unknown", undefined, String((err as Error).message));
      return {
        ok: false,
        error: neverSent
          ? { code: "provider_unavailable", providerCode: "never_sent", message: `request not sent: ${code}` }
          : {
              code: "outcome_unknown",
              providerCode: code ?? "no_answer",
              message: `no answer: ${code ?? (err as Error).message}`,
            },
      };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
