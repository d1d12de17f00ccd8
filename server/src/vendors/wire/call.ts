import type { Result, VendorError, VendorErrorCode } from "../../domain/errors.js";
import type { HttpOutcome } from "../transport.js";

/**
 * The parts of the call skeleton (build → commit → parse → success / error) that mean the same for
 * every vendor: how a sent call's recording ends, what an answer we cannot read means, what a read
 * that got no answer means, and where a call's path sits under the account's base URL. Each client
 * keeps only what its document makes different: the request it builds and the envelope it reads.
 */

/** A call the transport sent and got an HTTP answer to. */
export type SentCall = Extract<HttpOutcome, { ok: true }>;

/** The error a client names; the call's id is added by `failed`. */
export type CallError = Omit<VendorError, "callId">;

/** Ends the call's recording with the error, and returns the error carrying the call's id. */
export function failed(sent: SentCall, error: CallError): Result<never> {
  sent.finish({ outcome: error.code, vendorCode: error.vendorCode });
  return { ok: false, error: { ...error, callId: sent.callId } };
}

/** Ends the call's recording as a success, and returns the answer carrying the call's id. */
export function succeeded<T extends object>(
  sent: SentCall,
  vendorCode: string,
  answer: T,
): { ok: true; value: T & { callId: string } } {
  sent.finish({ outcome: "ok", vendorCode });
  return { ok: true, value: { ...answer, callId: sent.callId } };
}

/**
 * What an answer we cannot read (or one without its result code) means: a call that may have changed
 * something at the vendor (a lock, a sale, a refund) has an unknown outcome, which the recovery policy
 * resolves by asking the vendor; any other call simply found the vendor failing.
 */
export const unreadableCode = (sideEffect: boolean | undefined): VendorErrorCode =>
  sideEffect ? "outcome_unknown" : "vendor_unavailable";

/** A read that got no answer changed nothing: it is unavailable, not unknown. */
export function unanswered(error: VendorError, sideEffect: boolean | undefined): Result<never> {
  return {
    ok: false,
    error: !sideEffect && error.code === "outcome_unknown" ? { ...error, code: "vendor_unavailable" } : error,
  };
}

/** An answer that is not the vendor's envelope; `why` says what was wrong with it. */
export const unreadable = (sent: SentCall, sideEffect: boolean | undefined, what: string, why: string): Result<never> =>
  failed(sent, {
    code: unreadableCode(sideEffect),
    vendorCode: sent.status === 200 ? "bad_response" : `http_${sent.status}`,
    message: `unreadable answer to ${what} (HTTP ${sent.status}): ${why}`,
  });

/** HTTP 404: the base URL points somewhere that is not the vendor's service. */
export const notFound = (sent: SentCall, message: string): Result<never> =>
  failed(sent, { code: "config_error", vendorCode: "http_404", message });
