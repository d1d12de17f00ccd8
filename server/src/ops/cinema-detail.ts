import { sitePath } from "../buyer-site/sites.js";
import type { SyncWarning } from "../catalog/sync/price-check.js";
import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import type { SeatLayout } from "../domain/catalog.js";
import { businessDayOf, toChinaIso } from "../domain/time.js";
import { healthOf } from "./sync-health.js";

/**
 * Everything the Cinema page shows, from our own store (never a live vendor call): the cinema,
 * its halls with their seat layouts, showtimes grouped by business day with prices, recent sync
 * runs with counts and errors, and the per-entity sync state.
 */
export async function cinemaDetail(db: Db, id: string, now: number, opts: { days?: number; runs?: number } = {}) {
  const cinema = await db.selectFrom("cinemas").selectAll().where("id", "=", id).executeTakeFirst();
  if (!cinema) return undefined;
  const fromDay = businessDayOf(now);
  const [halls, showtimes, runs, state, channels, account, site] = await Promise.all([
    db.selectFrom("halls").selectAll().where("cinema_id", "=", id).orderBy("name").execute(),
    db
      .selectFrom("showtimes")
      .innerJoin("films", "films.id", "showtimes.film_id")
      .innerJoin("halls", "halls.id", "showtimes.hall_id")
      .select([
        "showtimes.id",
        "showtimes.business_day",
        "showtimes.starts_at",
        "showtimes.stop_selling_at",
        "showtimes.on_sale",
        "showtimes.language",
        "showtimes.version",
        "showtimes.list_fen",
        "showtimes.settle_fen",
        "showtimes.lowest_fen",
        "showtimes.sale_fen",
        "showtimes.service_fee_fen",
        "showtimes.area_prices",
        "showtimes.vendor_showtime_id",
        "showtimes.price_warning",
        "films.title as film_title",
        "halls.name as hall_name",
      ])
      .where("showtimes.cinema_id", "=", id)
      .where("showtimes.valid", "=", true)
      .where("showtimes.business_day", ">=", fromDay)
      .orderBy("showtimes.starts_at")
      .limit(2000)
      .execute(),
    db
      .selectFrom("sync_runs")
      .selectAll()
      .where("cinema_id", "=", id)
      .orderBy("started_at", "desc")
      .limit(opts.runs ?? 20)
      .execute(),
    db.selectFrom("sync_state").selectAll().where("cinema_id", "=", id).orderBy("entity").execute(),
    db
      .selectFrom("channel_cinemas")
      .innerJoin("channels", "channels.id", "channel_cinemas.channel_id")
      .select("channels.code")
      .where("channel_cinemas.cinema_id", "=", id)
      .execute(),
    db
      .selectFrom("vendor_accounts")
      .select(["id", "name", "vendor"])
      .where("id", "=", cinema.vendor_account_id)
      .executeTakeFirst(),
    db
      .selectFrom("buyer_sites")
      .select(["enabled", "slug", "host_name"])
      .where("cinema_id", "=", id)
      .executeTakeFirst(),
  ]);

  const days = new Map<string, typeof showtimes>();
  for (const s of showtimes) days.set(s.business_day, [...(days.get(s.business_day) ?? []), s]);

  return {
    cinema: {
      id: cinema.id,
      name: cinema.name,
      vendor: cinema.vendor,
      vendorAccount: account ? { id: account.id, name: account.name } : null,
      vendorCinemaId: cinema.vendor_cinema_id,
      nationalCode: cinema.national_code,
      cityCode: cinema.city_code,
      address: cinema.address,
      phone: cinema.phone,
      active: cinema.active,
      shanghai: cinema.shanghai,
      refundBeforeMinutes: cinema.refund_before_minutes,
      channels: channels.map((c) => c.code),
      createdAt: cinema.created_at.toISOString(),
    },
    // The buyer site's switch and address (its host, or a path the route puts on the request's origin).
    buyerSite: site
      ? {
          enabled: site.enabled,
          slug: site.slug,
          url: site.host_name ? `https://${site.host_name}/` : sitePath(site.slug),
        }
      : null,
    sync: healthOf(state, cinema.created_at, now),
    syncState: state.map((s) => ({
      entity: s.entity,
      lastSuccessAt: s.last_success_at?.toISOString() ?? null,
      lastFailureAt: s.last_failure_at?.toISOString() ?? null,
      lastError: s.last_error,
      dueAt: s.due_at.toISOString(),
    })),
    halls: halls.map((h) => ({
      id: h.id,
      vendorHallId: h.vendor_hall_id,
      name: h.name,
      type: h.type,
      seatCount: h.seat_count,
      layout: h.layout ? readJson<SeatLayout>(h.layout) : null,
    })),
    showtimeDays: [...days].map(([day, list]) => ({
      businessDay: day,
      showtimes: list.map((s) => ({
        id: s.id,
        vendorShowtimeId: s.vendor_showtime_id,
        filmTitle: s.film_title,
        hallName: s.hall_name,
        startsAt: toChinaIso(s.starts_at.getTime()),
        stopSellingAt: toChinaIso(s.stop_selling_at.getTime()),
        onSale: s.on_sale,
        language: s.language,
        version: s.version,
        listFen: s.list_fen,
        settleFen: s.settle_fen,
        lowestFen: s.lowest_fen,
        saleFen: s.sale_fen,
        serviceFeeFen: s.service_fee_fen,
        areaPrices: readJson<Array<{ areaId: string; areaName?: string; settleFen: number; saleFen: number }>>(
          s.area_prices,
        ),
        priceWarning: s.price_warning,
      })),
    })),
    syncRuns: runs.map((r) => ({
      id: r.id,
      entities: r.entities,
      status: r.status,
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      durationMs: r.duration_ms,
      counts: readJson<Record<string, number>>(r.counts),
      errors: readJson<Array<{ entity: string; code: string; message: string; vendorCode?: string }>>(r.errors),
      warnings: readJson<SyncWarning[]>(r.warnings),
    })),
  };
}
