/**
 * A channel's /v1 rate limits: a token bucket for everything it sends, and optionally lower,
 * separate buckets for the two expensive calls (the live seat map and order creates). A request
 * of those kinds takes a token from both its own bucket and the channel-wide one.
 */
export interface Limit {
  /** Tokens added per second: the sustained rate. */
  perSecond: number;
  /** Bucket size: how many requests may arrive at once after a quiet spell. */
  burst: number;
}

export interface RateLimits {
  all: Limit;
  seatMap: Limit | null;
  create: Limit | null;
}

export type BucketName = keyof RateLimits;

/** Generous on purpose (issue 21): no channel trading normally meets it; a runaway loop does. */
export const DEFAULT_LIMIT: Limit = { perSecond: 300, burst: 600 };

export const LIMIT_BOUNDS = { perSecond: { min: 1, max: 100_000 }, burst: { min: 1, max: 1_000_000 } } as const;

/** The columns of `channels` that hold the limits; null means "the default" (or "none" for the separate ones). */
export interface RateLimitColumns {
  rate_per_second: number | null;
  rate_burst: number | null;
  seat_map_per_second: number | null;
  seat_map_burst: number | null;
  create_per_second: number | null;
  create_burst: number | null;
}

const pair = (perSecond: number | null, burst: number | null): Limit | null =>
  perSecond !== null && burst !== null ? { perSecond, burst } : null;

export function rateLimitsOf(row: RateLimitColumns): RateLimits {
  return {
    all: pair(row.rate_per_second, row.rate_burst) ?? DEFAULT_LIMIT,
    seatMap: pair(row.seat_map_per_second, row.seat_map_burst),
    create: pair(row.create_per_second, row.create_burst),
  };
}

export function rateLimitColumns(limits: { all: Limit | null; seatMap: Limit | null; create: Limit | null }) {
  return {
    rate_per_second: limits.all?.perSecond ?? null,
    rate_burst: limits.all?.burst ?? null,
    seat_map_per_second: limits.seatMap?.perSecond ?? null,
    seat_map_burst: limits.seatMap?.burst ?? null,
    create_per_second: limits.create?.perSecond ?? null,
    create_burst: limits.create?.burst ?? null,
  };
}

/** A separate limit above the channel-wide one would never apply; that is a mistake worth naming. */
export function limitProblems(limits: RateLimits): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  for (const name of ["seatMap", "create"] as const) {
    const own = limits[name];
    if (!own) continue;
    if (own.perSecond > limits.all.perSecond)
      problems.push({
        path: `/${name}/perSecond`,
        message: `must not exceed the channel-wide ${limits.all.perSecond}`,
      });
    if (own.burst > limits.all.burst)
      problems.push({ path: `/${name}/burst`, message: `must not exceed the channel-wide ${limits.all.burst}` });
  }
  for (const [name, l] of Object.entries(limits) as Array<[string, Limit | null]>) {
    if (l && l.burst < 1) problems.push({ path: `/${name}/burst`, message: "must be at least 1" });
  }
  return problems;
}
