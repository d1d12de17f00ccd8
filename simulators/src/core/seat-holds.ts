/**
 * Which order holds each seat of each showtime, for a simulator's order book: a hold is exclusive
 * per (showtime, seat), and the key is whatever the vendor names the order by (lock flag, serial …).
 */
export class SeatHolds {
  private readonly byShow = new Map<string, Map<string, string>>();

  /** The key of the order holding the seat, if one does. */
  holder(showId: string, seatId: string): string | undefined {
    return this.byShow.get(showId)?.get(seatId);
  }

  /** The first of `seatIds` some order already holds, if any. */
  firstTaken(showId: string, seatIds: Iterable<string>): string | undefined {
    const held = this.byShow.get(showId);
    if (!held) return undefined;
    for (const id of seatIds) if (held.has(id)) return id;
    return undefined;
  }

  hold(showId: string, seatIds: Iterable<string>, key: string): void {
    let held = this.byShow.get(showId);
    if (!held) {
      held = new Map();
      this.byShow.set(showId, held);
    }
    for (const id of seatIds) held.set(id, key);
  }

  /** Frees the seats `key` still holds; a seat another order holds by now stays held. */
  release(showId: string, seatIds: Iterable<string>, key: string): void {
    const held = this.byShow.get(showId);
    for (const id of seatIds) if (held?.get(id) === key) held.delete(id);
  }
}
