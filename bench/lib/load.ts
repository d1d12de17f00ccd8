import autocannon from "autocannon";
import { ChannelClient } from "../../server/src/client/channel-client.js";

export interface LoadResult {
  label: string;
  connections: number;
  durationSec: number;
  /** Mean requests per second over the run. */
  reqPerSec: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  label: string;
  baseUrl: string;
  path: string;
  connections: number;
  durationSec: number;
  /** Cap on requests per second over all connections (autocannon overallRate); saturating when absent. */
  overallRate?: number;
  /** Sign every request as a channel (fresh timestamp and nonce each time); unsigned when absent. */
  channel?: { code: string; secret: string };
}

/**
 * Autocannon against one GET path. With a channel, `setupRequest` runs for every request and adds
 * the four auth headers of shared/API.md through the platform's own ChannelClient, so every
 * request carries a unique nonce and a valid HMAC.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const signer = opts.channel
    ? new ChannelClient({ baseUrl: opts.baseUrl, channelCode: opts.channel.code, secret: opts.channel.secret })
    : undefined;
  const result = await autocannon({
    url: opts.baseUrl,
    connections: opts.connections,
    duration: opts.durationSec,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    requests: [
      {
        method: "GET",
        path: opts.path,
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, ...(signer ? signer.signHeaders("GET", opts.path, "") : {}) },
        }),
      },
    ],
  });
  return {
    label: opts.label,
    connections: opts.connections,
    durationSec: opts.durationSec,
    reqPerSec: Math.round(result.requests.average),
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
