import { sql } from "kysely";
import type PgBoss from "pg-boss";
import { exclusively } from "../../jobs/exclusive.js";
import { vendors } from "../../vendors/all.js";
import type { SyncEntity } from "./context.js";
import { SYNC_ENTITIES } from "./context.js";
import { runSync, type SyncDeps } from "./run.js";

/**
 * "short" policy (at most one queued job per cinema + entities), not "stately": a sync job orphaned
 * by a crashed node stays `active` until it expires, and under stately pg-boss then cannot fetch
 * that key's next job — which, as the oldest, blocks the whole queue (the order step queue showed
 * it in the chaos run). One running sync per cinema is an advisory lock instead. (Renamed from
 * "catalog-sync": pg-boss cannot change a queue's policy; the tick re-queues whatever is due.)
 */
const SYNC_QUEUE = "catalog-syncs";
const TICK_QUEUE = "catalog-sync-tick";

interface SyncJob {
  cinemaId: string;
  entities: SyncEntity[];
}

export interface SchedulerOptions {
  /** Most cinemas enqueued per tick, so one tick never floods a vendor (ykse advises batches over the cycle). */
  batchPerTick?: number;
  /** Local concurrency of sync workers. */
  workers?: number;
}

/** Vendors Cinegate only lists: their cinemas are manual records with nothing to sync. */
const DIRECTORY_VENDOR_IDS = vendors.filter((v) => v.kind === "directory").map((v) => v.id);

/**
 * Sync scheduling on pg-boss. A cluster-wide cron tick each minute enqueues the cinema entities
 * that are due (sync_state.due_at), oldest first, a bounded batch at a time. At most one job per
 * cinema + entities is queued (singleton key) and one sync per cinema runs on the whole cluster
 * (advisory lock), so two nodes never sync the same cinema at once.
 */
export class SyncScheduler {
  constructor(
    private readonly boss: PgBoss,
    private readonly deps: SyncDeps,
    private readonly opts: SchedulerOptions = {},
  ) {}

  async start(): Promise<void> {
    await this.boss.createQueue(SYNC_QUEUE, {
      name: SYNC_QUEUE,
      policy: "short",
      retryLimit: 0,
      // pg-boss 10 reads only expireInSeconds for a queue (expireInMinutes is ignored).
      expireInSeconds: 30 * 60,
    });
    await this.boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: "singleton" });
    const workers = this.opts.workers ?? 4;
    for (let i = 0; i < workers; i++) {
      await this.boss.work<SyncJob>(SYNC_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
        if (!job) return;
        const { cinemaId, entities } = job.data;
        // Busy: another node syncs this cinema right now; the tick queues it again when next due.
        await exclusively(this.deps.db, `catalog-sync:${cinemaId}`, () => runSync(this.deps, cinemaId, entities));
      });
    }
    await this.boss.work(TICK_QUEUE, async () => {
      await this.tick();
    });
    await this.boss.schedule(TICK_QUEUE, "* * * * *");
  }

  /** Queues a sync (onboarding, "sync now", the tick). Returns false when an identical one is already queued. */
  async request(cinemaId: string, entities: readonly SyncEntity[] = SYNC_ENTITIES): Promise<boolean> {
    const ordered = SYNC_ENTITIES.filter((e) => entities.includes(e));
    const id = await this.boss.send(SYNC_QUEUE, { cinemaId, entities: ordered } satisfies SyncJob, {
      singletonKey: `${cinemaId}:${ordered.join(",")}`,
    });
    return id !== null;
  }

  /** Enqueues what is due (never a directory-only vendor's manual record: it has no interface to sync from);  pushes due_at forward first so a slow queue never double-schedules. */
  async tick(): Promise<number> {
    const now = new Date(this.deps.clock.now());
    // FOR UPDATE SKIP LOCKED: two nodes ticking at once split the due rows instead of both taking them.
    const { rows: due } = await sql<{ cinema_id: string; entity: string }>`
      update sync_state set due_at = ${new Date(now.getTime() + 10 * 60_000)}
      where (cinema_id, entity) in (
        select s.cinema_id, s.entity from sync_state s join cinemas c on c.id = s.cinema_id
        where s.due_at <= ${now} and c.active and c.vendor <> all(${DIRECTORY_VENDOR_IDS}::text[])
        order by s.due_at limit ${this.opts.batchPerTick ?? 50}
        for update of s skip locked)
      returning cinema_id, entity`.execute(this.deps.db);
    const byCinema = new Map<string, SyncEntity[]>();
    for (const row of due)
      byCinema.set(row.cinema_id, [...(byCinema.get(row.cinema_id) ?? []), row.entity as SyncEntity]);
    for (const [cinemaId, entities] of byCinema) await this.request(cinemaId, entities);
    return byCinema.size;
  }
}
