import { createCache } from "async-cache-dedupe";
import type { Db } from "../db/database.js";
import type { ConnectorRegistry } from "../vendors/registry.js";
import { heldSeats } from "./seat-holds.js";
import { loadTradeContext, type TradeContext } from "./trade-context.js";

interface ScopeKey {
  channelId: string;
  showtimeId: string;
}

/**
 * The reads every create makes, shared by the concurrent creates of one showtime while a read is
 * in flight (async-cache-dedupe with ttl 0: nothing is kept once the read answers, so a request
 * never sees data older than a read that was already under way when it arrived). In a flash sale
 * thousands of creates for one showtime then cost a few reads of the showtime, its layout and its
 * holds instead of one each, and a buyer whose seat is already held is answered without taking a
 * write transaction. Nothing here decides a sale: the hold's primary key does (seat-holds.ts).
 * The shared values are read-only for their users.
 */
export class CreateReads {
  private readonly reads;

  constructor(db: Db, registry: ConnectorRegistry, now: () => number) {
    this.reads = createCache({ ttl: 0, storage: { type: "memory" } })
      .define(
        "sellable",
        { serialize: (k: ScopeKey) => `${k.channelId}|${k.showtimeId}` },
        async (k: ScopeKey): Promise<{ ctx: TradeContext | null }> => {
          const scope = await db
            .selectFrom("showtimes")
            .innerJoin("channel_cinemas", "channel_cinemas.cinema_id", "showtimes.cinema_id")
            .select("showtimes.id")
            .where("showtimes.id", "=", k.showtimeId)
            .where("channel_cinemas.channel_id", "=", k.channelId)
            .where("showtimes.valid", "=", true)
            .executeTakeFirst();
          const ctx = scope ? await loadTradeContext(db, registry, k.showtimeId) : undefined;
          return { ctx: ctx ?? null };
        },
      )
      .define("held", { serialize: (showtimeId: string) => showtimeId }, (showtimeId: string) =>
        heldSeats(db, showtimeId, new Date(now())),
      );
  }

  /** The showtime's trade context when the channel may sell it, else undefined. */
  async sellable(channelId: string, showtimeId: string): Promise<TradeContext | undefined> {
    return (await this.reads.sellable({ channelId, showtimeId })).ctx ?? undefined;
  }

  /** Seats of the showtime held by live orders (ours, not the vendor's). */
  held(showtimeId: string): Promise<ReadonlySet<string>> {
    return this.reads.held(showtimeId);
  }
}
