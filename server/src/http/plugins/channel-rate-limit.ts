import type { FastifyInstance } from "fastify";
import type { RateBuckets } from "../../channels/rate-buckets.js";
import type { BucketName } from "../../channels/rate-limits.js";
import { ApiError } from "../problem.js";

/** Routes with their own, possibly lower, bucket: the live seat map (a vendor call) and order creates. */
const ROUTE_BUCKET: Record<string, Exclude<BucketName, "all">> = {
  "GET /v1/showtimes/:id/seats": "seatMap",
  "POST /v1/orders": "create",
};

/**
 * Per-channel rate limits on /v1 (API.md RATE_LIMITED 429 with Retry-After). Registered after
 * channel authentication in the same scope: only a correctly signed request spends its channel's
 * tokens, so nobody who merely knows a channel's code can exhaust its budget.
 */
export function applyChannelRateLimit(app: FastifyInstance, opts: { buckets: RateBuckets; now: () => number }): void {
  app.addHook("preValidation", async (req, reply) => {
    const channel = req.channel;
    if (!channel) return;
    const limits = channel.rateLimits;
    const own = ROUTE_BUCKET[`${req.method} ${req.routeOptions.url}`];
    const ownLimit = own ? limits[own] : null;
    const res = await opts.buckets.take({
      channelId: channel.id,
      nowMs: opts.now(),
      buckets: [{ name: "all", limit: limits.all }, ...(own && ownLimit ? [{ name: own, limit: ownLimit }] : [])],
    });
    if (res.ok) return;
    const s = res.retryAfterSeconds;
    reply.header("retry-after", String(s));
    throw new ApiError(
      "RATE_LIMITED",
      `请求过于频繁，请 ${s} 秒后重试 / too many requests from channel ${channel.code}; retry after ${s} s`,
      { retryAfterSeconds: s },
    );
  });
}
