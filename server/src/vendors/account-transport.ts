import type { ConnectorOptions } from "./descriptor.js";
import { VendorTransport } from "./transport.js";

/**
 * The transport of one stored account, built the same way by every connector from its create
 * options (id, address, clock, recorder, timeout, rate). What a vendor decides is only which
 * secrets its document puts on the wire (masked in every recording) and, for a vendor with a second
 * host such as a member centre, that host's base URL.
 */
export function accountTransport(
  vendor: string,
  opts: ConnectorOptions<unknown>,
  secrets: readonly string[],
  baseUrl: string = opts.baseUrl,
): VendorTransport {
  return new VendorTransport({
    vendor,
    accountId: opts.accountId,
    baseUrl,
    clock: opts.clock,
    recorder: opts.recorder,
    secrets,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.ratePerSecond !== undefined ? { ratePerSecond: opts.ratePerSecond } : {}),
  });
}
