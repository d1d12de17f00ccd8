/**
 * Run-time fault injection shared by the simulators. Each simulator asks `decide(call)` before
 * handling a call and acts on the verdict in its own wire format:
 * - "down": answer as the vendor does when its service is down (HTTP 503 or the vendor's system error);
 * - "error": answer the vendor's generic system error code;
 * - "rateLimited": the vendor's rate-limit code (ykse 40003, VISTA CINEMA_RATE_LIMIT_EXCEEDED …);
 * - "timeout": accept the request and never answer (the socket is destroyed after `hangMs`);
 * - "lost": perform the call for real, then drop the response (the caller sees a timeout);
 * - "ok": proceed normally, after `delayMs`.
 */
export interface FaultRule {
  latencyMs?: number;
  jitterMs?: number;
  errorRate?: number;
  timeoutRate?: number;
  lostResponseRate?: number;
  down?: boolean;
}

export interface FaultConfig {
  /** Applies to every call unless `calls[name]` overrides a field. */
  default: FaultRule;
  calls: Record<string, FaultRule>;
  /** Calls allowed per second per simulator; more get "rateLimited". 0 = unlimited. */
  rateLimitPerSecond: number;
  /** Confirm answers "pending" and the order settles only after this many simulated minutes. */
  slowIssueMinutes: number;
  /** Outcome of slow issues: "success" or "fail". */
  slowIssueOutcome: "success" | "fail";
  /** Cinema internal codes for which showtime calls return nothing (diagnosis demos). */
  hideShowtimesFor: string[];
  /** How long a "timeout" or "lost" call holds the socket before destroying it. */
  hangMs: number;
}

export type FaultVerdict =
  | { action: "ok"; delayMs: number }
  | { action: "error" | "down" | "rateLimited" | "timeout" | "lost"; delayMs: number };

export function defaultFaultConfig(): FaultConfig {
  return {
    default: {},
    calls: {},
    rateLimitPerSecond: 0,
    slowIssueMinutes: 0,
    slowIssueOutcome: "success",
    hideShowtimesFor: [],
    hangMs: 30_000,
  };
}

/** Small deterministic PRNG (mulberry32) so fault runs are reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultController {
  config: FaultConfig = defaultFaultConfig();
  private readonly random: () => number;
  private windowStart = 0;
  private windowCount = 0;
  /** Count of calls answered with a rate-limit verdict (benchmarks read it). */
  rateLimitedCount = 0;
  /** Calls seen per call name (tests and benchmarks read it). */
  readonly callCounts = new Map<string, number>();

  constructor(seed = 1) {
    this.random = seededRandom(seed);
  }

  /** Merge a partial config (what the control API receives). */
  update(patch: Partial<FaultConfig>): FaultConfig {
    this.config = { ...this.config, ...patch };
    return this.config;
  }

  /** What `reset` returns to: the faults the simulator was started with (env / start options). */
  private baseline: FaultConfig = defaultFaultConfig();

  /** Makes the current config the one `reset` restores. */
  markBaseline(): void {
    this.baseline = structuredClone(this.config);
  }

  reset(): void {
    this.config = structuredClone(this.baseline);
    this.callCounts.clear();
    this.rateLimitedCount = 0;
  }

  decide(call: string, realNow = Date.now()): FaultVerdict {
    this.callCounts.set(call, (this.callCounts.get(call) ?? 0) + 1);
    const rule = { ...this.config.default, ...this.config.calls[call] };
    const delayMs = (rule.latencyMs ?? 0) + (rule.jitterMs ? Math.floor(this.random() * rule.jitterMs) : 0);
    if (rule.down) return { action: "down", delayMs };
    if (this.config.rateLimitPerSecond > 0) {
      if (realNow - this.windowStart >= 1000) {
        this.windowStart = realNow;
        this.windowCount = 0;
      }
      this.windowCount++;
      if (this.windowCount > this.config.rateLimitPerSecond) {
        this.rateLimitedCount++;
        return { action: "rateLimited", delayMs };
      }
    }
    if (rule.errorRate && this.random() < rule.errorRate) return { action: "error", delayMs };
    if (rule.timeoutRate && this.random() < rule.timeoutRate) return { action: "timeout", delayMs };
    if (rule.lostResponseRate && this.random() < rule.lostResponseRate) return { action: "lost", delayMs };
    return { action: "ok", delayMs };
  }
}
