import { rateLimitsOf } from "../../../channels/rate-limits.js";
import type { Db } from "../../../db/database.js";
import { toChinaIso } from "../../../domain/time.js";
import { ApiError } from "../../problem.js";

/**
 * The admin side of channels that ChannelStore (the signing path) does not need: which cinemas a
 * channel may sell, its webhook URL, and the list the console shows. Secrets never leave
 * ChannelStore, and nothing here reads them.
 */

export async function listChannels(db: Db) {
  const [rows, links, orders] = await Promise.all([
    db
      .selectFrom("channels")
      .select([
        "id",
        "code",
        "name",
        "webhook_url",
        "active",
        "created_at",
        "updated_at",
        "rate_per_second",
        "rate_burst",
        "seat_map_per_second",
        "seat_map_burst",
        "create_per_second",
        "create_burst",
      ])
      .orderBy("code")
      .execute(),
    db
      .selectFrom("channel_cinemas")
      .innerJoin("cinemas", "cinemas.id", "channel_cinemas.cinema_id")
      .select(["channel_cinemas.channel_id", "cinemas.id", "cinemas.name"])
      .orderBy("cinemas.name")
      .execute(),
    db
      .selectFrom("orders")
      .select((eb) => ["channel_id", eb.fn.countAll<string>().as("n")])
      .groupBy("channel_id")
      .execute(),
  ]);
  const orderCount = new Map(orders.map((o) => [o.channel_id, Number(o.n)]));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    webhookUrl: r.webhook_url,
    active: r.active,
    rateLimits: rateLimitsOf(r),
    cinemas: links.filter((l) => l.channel_id === r.id).map((l) => ({ id: l.id, name: l.name })),
    orderCount: orderCount.get(r.id) ?? 0,
    createdAt: toChinaIso(r.created_at.getTime()),
    updatedAt: toChinaIso(r.updated_at.getTime()),
  }));
}

export async function channelIdByCode(db: Db, code: string): Promise<string> {
  const row = await db.selectFrom("channels").select("id").where("code", "=", code).executeTakeFirst();
  if (!row) throw new ApiError("NOT_FOUND", `channel ${code} not found`);
  return row.id;
}

/** Unknown cinema ids are an input error, named one by one, not a silent partial save. */
export async function assertCinemasExist(db: Db, cinemaIds: string[]): Promise<void> {
  if (cinemaIds.length === 0) return;
  const found = await db.selectFrom("cinemas").select("id").where("id", "in", cinemaIds).execute();
  const known = new Set(found.map((r) => r.id));
  const missing = cinemaIds.filter((id) => !known.has(id));
  if (missing.length) {
    throw new ApiError("VALIDATION_FAILED", `unknown cinema ids: ${missing.slice(0, 10).join(", ")}`, {
      errors: missing.slice(0, 50).map((id) => ({ path: "/cinemas", message: `${id}: no such cinema` })),
    });
  }
}

/** Replaces the channel's cinema list; returns what was added and removed (for the audit log). */
export async function setChannelCinemas(
  db: Db,
  channelId: string,
  cinemaIds: string[],
): Promise<{ added: string[]; removed: string[] }> {
  const wanted = [...new Set(cinemaIds)];
  await assertCinemasExist(db, wanted);
  return db.transaction().execute(async (trx) => {
    const current = (
      await trx.selectFrom("channel_cinemas").select("cinema_id").where("channel_id", "=", channelId).execute()
    ).map((r) => r.cinema_id);
    const added = wanted.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !wanted.includes(id));
    if (removed.length) {
      await trx
        .deleteFrom("channel_cinemas")
        .where("channel_id", "=", channelId)
        .where("cinema_id", "in", removed)
        .execute();
    }
    if (added.length) {
      await trx
        .insertInto("channel_cinemas")
        .values(added.map((cinema_id) => ({ channel_id: channelId, cinema_id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return { added, removed };
  });
}

export async function setWebhookUrl(db: Db, channelId: string, url: string | null): Promise<void> {
  await db
    .updateTable("channels")
    .set({ webhook_url: url, updated_at: new Date() })
    .where("id", "=", channelId)
    .execute();
}
