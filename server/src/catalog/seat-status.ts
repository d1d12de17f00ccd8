import { createCache } from "async-cache-dedupe";
import type { SeatStatusMap, VendorShowtime } from "../domain/catalog.js";
import type { VendorError } from "../domain/errors.js";
import type { Clock } from "../domain/time.js";
import type { CinemaRef } from "../domain/trade.js";
import type { ConnectorRegistry } from "../vendors/registry.js";

export interface SeatStatusRequest {
  showtimeId: string;
  vendorAccountId: string;
  cinema: CinemaRef;
  showtime: VendorShowtime;
}

export type SeatStatusAnswer =
  | { ok: true; status: SeatStatusMap; asOf: number; stale: boolean }
  | { ok: false; error: VendorError };

interface Fresh {
  status: SeatStatusMap;
  asOf: number;
}

/**
 * Live seat status, the one catalogue read that goes to the vendor. Concurrent requests for one
 * showtime share a single vendor call and its answer is kept `ttlSeconds` (async-cache-dedupe), so
 * vendor calls stay at most one per showtime per window whatever the traffic. When the vendor is
 * slow or failing, the last good answer is served with its age (statusAsOf) rather than an error.
 */
export class SeatStatusService {
  private readonly cache;
  private readonly lastGood = new Map<string, Fresh>();
  /** A vendor failure is remembered for one cache window too, so a failing vendor is not hammered. */
  private readonly failures = new Map<string, { error: VendorError; at: number }>();
  /** Vendor calls made (benchmarks, tests and the cache-hit metric read it). */
  vendorCalls = 0;
  /** Answers given: fresh ones (from the vendor or the shared cache) and last-good fallbacks. */
  readonly answers = { fresh: 0, stale: 0, failed: 0 };

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly clock: Clock,
    private readonly opts: { ttlSeconds?: number; waitMs?: number; maxShowtimes?: number } = {},
  ) {
    this.cache = createCache({
      ttl: opts.ttlSeconds ?? 3,
      storage: { type: "memory", options: { size: opts.maxShowtimes ?? 10_000 } },
    }).define(
      "seatStatus",
      { serialize: (req: SeatStatusRequest) => req.showtimeId },
      async (req: SeatStatusRequest): Promise<Fresh> => {
        this.vendorCalls++;
        this.failures.delete(req.showtimeId);
        const connector = await this.registry.forAccount(req.vendorAccountId);
        const res = await connector.getSeatStatus(req.cinema, req.showtime);
        // Throwing keeps failures out of the cache: the next caller asks the vendor again.
        if (!res.ok) throw new SeatStatusError(res.error);
        const fresh = { status: res.value, asOf: this.clock.now() };
        this.remember(req.showtimeId, fresh);
        return fresh;
      },
    );
  }

  async get(req: SeatStatusRequest): Promise<SeatStatusAnswer> {
    const failed = this.failures.get(req.showtimeId);
    if (failed && performance.now() - failed.at < (this.opts.ttlSeconds ?? 3) * 1000) {
      return this.fallback(req.showtimeId, failed.error);
    }
    const waitMs = this.opts.waitMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<"slow">((resolve) => {
      timer = setTimeout(() => resolve("slow"), waitMs);
    });
    try {
      const answer = await Promise.race([this.cache.seatStatus(req), slow]);
      if (answer !== "slow") {
        this.answers.fresh++;
        return { ok: true, ...answer, stale: false };
      }
      return this.fallback(req.showtimeId, {
        code: "vendor_unavailable",
        message: `no seat status from the vendor within ${waitMs} ms`,
      });
    } catch (err) {
      if (err instanceof SeatStatusError) {
        this.rememberFailure(req.showtimeId, err.error);
        return this.fallback(req.showtimeId, err.error);
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private fallback(showtimeId: string, error: VendorError): SeatStatusAnswer {
    const last = this.lastGood.get(showtimeId);
    if (last) this.answers.stale++;
    else this.answers.failed++;
    return last ? { ok: true, ...last, stale: true } : { ok: false, error };
  }

  private rememberFailure(showtimeId: string, error: VendorError): void {
    this.failures.delete(showtimeId);
    this.failures.set(showtimeId, { error, at: performance.now() });
    if (this.failures.size > (this.opts.maxShowtimes ?? 10_000)) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  private remember(showtimeId: string, fresh: Fresh): void {
    this.lastGood.delete(showtimeId);
    this.lastGood.set(showtimeId, fresh);
    // Insertion order makes the first key the least recently refreshed: drop it when over the bound.
    if (this.lastGood.size > (this.opts.maxShowtimes ?? 10_000)) {
      const oldest = this.lastGood.keys().next().value;
      if (oldest !== undefined) this.lastGood.delete(oldest);
    }
  }
}

class SeatStatusError extends Error {
  constructor(readonly error: VendorError) {
    super(error.message);
  }
}
