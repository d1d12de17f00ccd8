import { findUnstorableText, UnstorableTextError } from "./storable-text.js";

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export interface MicroBatchOptions {
  maxBatch?: number;
  maxInFlight?: number;
  /**
   * Whether a batch that failed with `err` is retried one member at a time. By default only when
   * PostgreSQL blamed the data (SQLSTATE class 22 data exception or 23 integrity violation), which
   * one member can cause; a lost connection would fail each member again and multiply the load.
   */
  retrySingly?: (err: unknown) => boolean;
}

/** SQLSTATE classes 22 and 23: a value of the statement was refused, not the statement or the server. */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^2[23][0-9A-Z]{3}$/.test(code);
}

/**
 * Sends the calls that arrive while earlier ones are being written as one statement: one round
 * trip and one commit for many requests instead of one each (each round trip costs the API node a
 * socket write and a wake-up of a PostgreSQL backend, which under a burst is most of its CPU).
 * Calls made in the same I/O turn join one batch; a burst larger than `maxBatch` goes out as up to
 * `maxInFlight` concurrent statements. `run` answers each item of its batch in order.
 *
 * One caller's bad value must never fail another's call (issue 21: a NUL in one channel's request
 * failed two other channels' requests of the same batch). So an item holding text PostgreSQL
 * cannot store is refused at `submit` and never joins a batch; and a batch whose statement still
 * fails on its data is retried one member at a time, so only the member at fault fails.
 */
export class MicroBatcher<T, R> {
  private pending: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (batch: T[]) => Promise<R[]>,
    private readonly opts: MicroBatchOptions = {},
  ) {}

  submit(item: T): Promise<R> {
    const bad = findUnstorableText(item);
    if (bad) return Promise.reject(new UnstorableTextError(bad.path, bad.reason));
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0 || this.inFlight >= (this.opts.maxInFlight ?? 2)) return;
    this.scheduled = true;
    // setImmediate lets the requests parsed in the same I/O turn join this batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, this.opts.maxBatch ?? 500);
    if (batch.length === 0) return;
    this.inFlight++;
    this.schedule();
    try {
      await this.send(batch);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  private async send(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((p) => p.item));
      for (const [i, p] of batch.entries()) p.resolve(results[i] as R);
    } catch (err) {
      if (batch.length > 1 && (this.opts.retrySingly ?? isDataError)(err)) {
        // Nothing of the failed statement was written, so each member may be sent again alone.
        await Promise.all(batch.map((p) => this.send([p])));
      } else {
        for (const p of batch) p.reject(err);
      }
    }
  }
}

/**
 * For batches of claims on a unique key: the first claim of each key in the batch is sent, any
 * repeat of it in the same batch loses without asking the database. `insert` gets the first
 * claims in key order — concurrent batches that share keys then take them in the same order and
 * cannot deadlock — and returns the keys it inserted.
 */
export function claimBatch<T>(keyOf: (item: T) => string, insert: (firsts: T[]) => Promise<Iterable<string>>) {
  return async (batch: T[]): Promise<boolean[]> => {
    const firstIndex = new Map<string, number>();
    batch.forEach((item, i) => {
      if (!firstIndex.has(keyOf(item))) firstIndex.set(keyOf(item), i);
    });
    const ordered = [...firstIndex.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const won = new Set(await insert(ordered.map(([, i]) => batch[i] as T)));
    return batch.map((item, i) => firstIndex.get(keyOf(item)) === i && won.has(keyOf(item)));
  };
}
