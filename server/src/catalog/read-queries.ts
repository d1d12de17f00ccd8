import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import { toChinaIso } from "../domain/time.js";
import { factsOfRow } from "../pricing/facts-query.js";

/**
 * The channel-facing catalogue reads: always scoped to the cinemas the channel may sell, always
 * from our own store. A cinema outside the scope is indistinguishable from one that doesn't exist.
 */
export class CatalogReads {
  constructor(readonly db: Db) {}

  private scoped(channelId: string) {
    return this.db
      .selectFrom("cinemas")
      .innerJoin("channel_cinemas", "channel_cinemas.cinema_id", "cinemas.id")
      .where("channel_cinemas.channel_id", "=", channelId)
      .where("cinemas.active", "=", true);
  }

  async cities(channelId: string, page: number, pageSize: number) {
    const [rows, count] = await Promise.all([
      this.scoped(channelId)
        .innerJoin("cities", "cities.code", "cinemas.city_code")
        .select(["cities.code", "cities.name", (eb) => eb.fn.countAll<number>().as("cinemaCount")])
        .groupBy(["cities.code", "cities.name"])
        .orderBy("cities.code")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      this.scoped(channelId).select(sql<number>`count(distinct cinemas.city_code)`.as("n")).executeTakeFirst(),
    ]);
    return {
      items: rows.map((r) => ({ cityCode: r.code, name: r.name, cinemaCount: Number(r.cinemaCount) })),
      total: Number(count?.n ?? 0),
    };
  }

  async cinemas(channelId: string, filter: { cityCode?: string; cinemaId?: string }, page: number, pageSize: number) {
    let q = this.scoped(channelId);
    if (filter.cityCode) q = q.where("cinemas.city_code", "=", filter.cityCode);
    if (filter.cinemaId) q = q.where("cinemas.id", "=", filter.cinemaId);
    const [rows, count] = await Promise.all([
      q
        .selectAll("cinemas")
        .select((eb) =>
          eb
            .selectFrom("halls")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("halls.cinema_id", "=", "cinemas.id")
            .as("hallCount"),
        )
        .orderBy("cinemas.name")
        .orderBy("cinemas.id")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
    ]);
    return { rows, total: Number(count?.n ?? 0) };
  }

  async halls(cinemaId: string) {
    return this.db
      .selectFrom("halls")
      .select(["id", "name", "type", "seat_count"])
      .where("cinema_id", "=", cinemaId)
      .orderBy("name")
      .execute();
  }

  async inScope(channelId: string, cinemaId: string): Promise<boolean> {
    const r = await this.scoped(channelId).select("cinemas.id").where("cinemas.id", "=", cinemaId).executeTakeFirst();
    return r !== undefined;
  }

  async films(
    channelId: string,
    filter: { cityCode?: string; cinemaId?: string },
    now: number,
    page: number,
    pageSize: number,
  ) {
    let showing = this.scoped(channelId)
      .innerJoin("showtimes", "showtimes.cinema_id", "cinemas.id")
      .select("showtimes.film_id")
      .where("showtimes.valid", "=", true)
      .where("showtimes.starts_at", ">", new Date(now));
    if (filter.cityCode) showing = showing.where("cinemas.city_code", "=", filter.cityCode);
    if (filter.cinemaId) showing = showing.where("cinemas.id", "=", filter.cinemaId);
    const base = this.db.selectFrom("films").where("films.id", "in", showing);
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy("films.title")
        .orderBy("films.id")
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst(),
    ]);
    return { rows, total: Number(count?.n ?? 0) };
  }

  /**
   * Valid showtimes of one business day, in start order, with hall and film names, each with the
   * `facts` its channel price is computed from (pricing/service.ts `priceDay`, which drops them).
   */
  async showtimes(cinemaId: string, date: string, filmId: string | undefined, now: number) {
    let q = this.db
      .selectFrom("showtimes")
      .innerJoin("halls", "halls.id", "showtimes.hall_id")
      .innerJoin("films", "films.id", "showtimes.film_id")
      .innerJoin("cinemas", "cinemas.id", "showtimes.cinema_id")
      .select([
        // What pricing rules see (pricing/showtime-facts.ts); the route prices per channel.
        "halls.type as hall_type",
        "cinemas.city_code",
        "cinemas.vendor",
        "cinemas.shanghai",
        "cinemas.service_fee_fen as cinema_service_fee_fen",
        "showtimes.settle_fen",
        "showtimes.lowest_fen",
        "showtimes.vendor_fee_fen",
        "showtimes.id",
        "showtimes.cinema_id",
        "showtimes.hall_id",
        "halls.name as hall_name",
        "showtimes.film_id",
        "films.title as film_title",
        "showtimes.starts_at",
        "showtimes.ends_at",
        "showtimes.stop_selling_at",
        "showtimes.on_sale",
        "showtimes.language",
        "showtimes.version",
        "showtimes.list_fen",
        "showtimes.sale_fen",
        "showtimes.service_fee_fen",
        "showtimes.area_prices",
      ])
      .where("showtimes.cinema_id", "=", cinemaId)
      .where("showtimes.business_day", "=", date)
      .where("showtimes.valid", "=", true);
    if (filmId) q = q.where("showtimes.film_id", "=", filmId);
    const rows = await q.orderBy("showtimes.starts_at").orderBy("showtimes.id").execute();
    return rows.map((r) => ({
      id: r.id,
      cinemaId: r.cinema_id,
      hallId: r.hall_id,
      hallName: r.hall_name,
      filmId: r.film_id,
      filmTitle: r.film_title,
      startsAt: toChinaIso(r.starts_at.getTime()),
      ...(r.ends_at ? { endsAt: toChinaIso(r.ends_at.getTime()) } : {}),
      stopSellingAt: toChinaIso(r.stop_selling_at.getTime()),
      onSale: r.on_sale && r.stop_selling_at.getTime() > now,
      language: r.language,
      version: r.version,
      price: { listFen: r.list_fen, saleFen: r.sale_fen, serviceFeeFen: r.service_fee_fen },
      ...areaPricesOut(r.area_prices),
      facts: factsOfRow({ ...r, service_fee_fen: r.cinema_service_fee_fen }),
    }));
  }

  /** A showtime with what the seat map needs, if the channel may sell its cinema. */
  async showtimeForSeats(channelId: string, showtimeId: string) {
    return this.scoped(channelId)
      .innerJoin("showtimes", "showtimes.cinema_id", "cinemas.id")
      .innerJoin("halls", "halls.id", "showtimes.hall_id")
      .selectAll("showtimes")
      .select([
        "cinemas.vendor_account_id",
        "cinemas.vendor",
        "cinemas.vendor_cinema_id",
        "cinemas.national_code",
        "cinemas.shanghai",
        "halls.vendor_hall_id",
        "halls.layout",
      ])
      .where("showtimes.id", "=", showtimeId)
      .where("showtimes.valid", "=", true)
      .executeTakeFirst();
  }
}

function areaPricesOut(value: unknown) {
  const list = readJson<Array<{ areaName?: string; areaId: string; saleFen: number }>>(value);
  return list.length ? { areaPrices: list.map((a) => ({ areaName: a.areaName ?? a.areaId, saleFen: a.saleFen })) } : {};
}
