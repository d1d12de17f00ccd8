import type { Db } from "../db/database.js";
import { type SyncHealth, syncHealthOf } from "./sync-health.js";

export interface CinemaListItem {
  id: string;
  name: string;
  vendor: string;
  vendorAccountId: string;
  /** The vendor's own code for the cinema (内部编码). */
  vendorCinemaId: string;
  /** 8-digit 广电 code (广电编码); equal to the internal code for some vendors only (doc 000 §三.1). */
  nationalCode: string | null;
  cityCode: string | null;
  active: boolean;
  hallCount: number;
  channels: string[];
  sync: SyncHealth;
  createdAt: string;
}

/** Cinemas the actor may see, with their sync health, for the Cinemas page and the pickers. */
export async function listCinemas(
  db: Db,
  now: number,
  filter: { ids?: string[]; q?: string },
): Promise<CinemaListItem[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  let q = db
    .selectFrom("cinemas")
    .select([
      "id",
      "name",
      "vendor",
      "vendor_account_id",
      "vendor_cinema_id",
      "national_code",
      "city_code",
      "active",
      "created_at",
    ])
    .select((eb) =>
      eb
        .selectFrom("halls")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("halls.cinema_id", "=", "cinemas.id")
        .as("hallCount"),
    )
    .orderBy("name")
    .orderBy("id");
  if (filter.ids) q = q.where("id", "in", filter.ids);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("name", "ilike", like),
        eb("id", "=", filter.q!),
        eb("vendor_cinema_id", "=", filter.q!),
        eb("national_code", "=", filter.q!),
      ]),
    );
  }
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const [health, links] = await Promise.all([
    syncHealthOf(db, rows, now),
    ids.length
      ? db
          .selectFrom("channel_cinemas")
          .innerJoin("channels", "channels.id", "channel_cinemas.channel_id")
          .select(["channel_cinemas.cinema_id", "channels.code"])
          .where("channel_cinemas.cinema_id", "in", ids)
          .execute()
      : Promise.resolve([]),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    vendor: r.vendor,
    vendorAccountId: r.vendor_account_id,
    vendorCinemaId: r.vendor_cinema_id,
    nationalCode: r.national_code,
    cityCode: r.city_code,
    active: r.active,
    hallCount: Number(r.hallCount ?? 0),
    channels: links.filter((l) => l.cinema_id === r.id).map((l) => l.code),
    sync: health.get(r.id)!,
    createdAt: r.created_at.toISOString(),
  }));
}
