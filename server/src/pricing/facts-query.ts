import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import type { ShowtimeFacts } from "./showtime-facts.js";

/** A showtime's facts plus what a person needs to recognise it in a preview. */
export interface LabelledFacts extends ShowtimeFacts {
  cinemaName: string;
  filmTitle: string;
  hallName: string;
  /** Codes of the channels that sell the showtime's cinema. */
  channels: string[];
}

export interface FactsFilter {
  /** Business days, inclusive. */
  fromDay: string;
  toDay: string;
  cinemaIds?: string[];
  cityCodes?: string[];
  vendors?: string[];
  filmIds?: string[];
  showtimeIds?: string[];
  /** Most showtimes read (preview and conflict checks look at a bounded window). */
  limit: number;
}

type Row = {
  id: string;
  cinema_id: string;
  city_code: string | null;
  vendor: string;
  film_id: string;
  version: string;
  hall_type: string;
  starts_at: Date;
  list_fen: number;
  settle_fen: number;
  lowest_fen: number;
  vendor_fee_fen: number;
  service_fee_fen: number;
  shanghai: boolean;
  area_prices: unknown;
};

/** The evaluator's view of one stored showtime row (joined with its cinema and hall). */
export function factsOfRow(r: Row): ShowtimeFacts {
  return {
    showtimeId: r.id,
    cinemaId: r.cinema_id,
    cityCode: r.city_code,
    vendor: r.vendor,
    filmId: r.film_id,
    version: r.version,
    hallType: r.hall_type,
    startsAt: r.starts_at.getTime(),
    listFen: r.list_fen,
    settleFen: r.settle_fen,
    lowestFen: r.lowest_fen,
    vendorFeeFen: r.vendor_fee_fen,
    cinemaServiceFeeFen: r.service_fee_fen,
    shanghai: r.shanghai,
    areas: readJson<Array<{ areaId: string; areaName?: string; settleFen: number }>>(r.area_prices).map((a) => ({
      areaId: a.areaId,
      ...(a.areaName !== undefined ? { areaName: a.areaName } : {}),
      settleFen: a.settleFen,
    })),
  };
}

function base(db: Db) {
  return db
    .selectFrom("showtimes")
    .innerJoin("cinemas", "cinemas.id", "showtimes.cinema_id")
    .innerJoin("halls", "halls.id", "showtimes.hall_id")
    .innerJoin("films", "films.id", "showtimes.film_id")
    .select([
      "showtimes.id",
      "showtimes.cinema_id",
      "cinemas.city_code",
      "cinemas.vendor",
      "showtimes.film_id",
      "showtimes.version",
      "halls.type as hall_type",
      "showtimes.starts_at",
      "showtimes.list_fen",
      "showtimes.settle_fen",
      "showtimes.lowest_fen",
      "showtimes.vendor_fee_fen",
      "cinemas.service_fee_fen",
      "cinemas.shanghai",
      "showtimes.area_prices",
      "cinemas.name as cinema_name",
      "films.title as film_title",
      "halls.name as hall_name",
    ]);
}

/** Valid showtimes in a window of business days, narrowed by the coarse scope fields. */
export async function loadFacts(db: Db, f: FactsFilter): Promise<LabelledFacts[]> {
  let q = base(db)
    .where("showtimes.valid", "=", true)
    .where("cinemas.active", "=", true)
    .where("showtimes.business_day", ">=", f.fromDay)
    .where("showtimes.business_day", "<=", f.toDay);
  if (f.cinemaIds?.length) q = q.where("showtimes.cinema_id", "in", f.cinemaIds);
  if (f.cityCodes?.length) q = q.where("cinemas.city_code", "in", f.cityCodes);
  if (f.vendors?.length) q = q.where("cinemas.vendor", "in", f.vendors);
  if (f.filmIds?.length) q = q.where("showtimes.film_id", "in", f.filmIds);
  if (f.showtimeIds?.length) q = q.where("showtimes.id", "in", f.showtimeIds);
  const rows = await q.orderBy("showtimes.starts_at").orderBy("showtimes.id").limit(f.limit).execute();
  return labelled(db, rows);
}

/** One showtime's facts, whatever its state (the explain view and the order lock). */
export async function loadOneFacts(db: Db, showtimeId: string): Promise<LabelledFacts | undefined> {
  const rows = await base(db).where("showtimes.id", "=", showtimeId).execute();
  return (await labelled(db, rows))[0];
}

/** One showtime's facts alone: the order lock and the seat map price for a channel they already know. */
export async function loadBareFacts(db: Db, showtimeId: string): Promise<ShowtimeFacts | undefined> {
  const row = await base(db).where("showtimes.id", "=", showtimeId).executeTakeFirst();
  return row && factsOfRow(row);
}

async function labelled(
  db: Db,
  rows: Array<Row & { cinema_name: string; film_title: string; hall_name: string }>,
): Promise<LabelledFacts[]> {
  if (rows.length === 0) return [];
  const cinemaIds = [...new Set(rows.map((r) => r.cinema_id))];
  const sellers = await db
    .selectFrom("channel_cinemas")
    .innerJoin("channels", "channels.id", "channel_cinemas.channel_id")
    .select(["channel_cinemas.cinema_id", "channels.code"])
    .where("channel_cinemas.cinema_id", "in", cinemaIds)
    .where("channels.active", "=", true)
    .execute();
  const byCinema = new Map<string, string[]>();
  for (const s of sellers) byCinema.set(s.cinema_id, [...(byCinema.get(s.cinema_id) ?? []), s.code]);
  return rows.map((r) => ({
    ...factsOfRow(r),
    cinemaName: r.cinema_name,
    filmTitle: r.film_title,
    hallName: r.hall_name,
    channels: (byCinema.get(r.cinema_id) ?? []).sort(),
  }));
}
