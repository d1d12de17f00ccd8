import type { Insertable } from "kysely";
import type { ShowtimesTable } from "../../db/schema.js";
import type { VendorShowtime } from "../../domain/catalog.js";
import { addDays, businessDayOf } from "../../domain/time.js";
import { salePrice } from "../../pricing/sale-price.js";
import { newId } from "../../security/ids.js";
import { contentHash } from "../content-hash.js";
import { cinemaRef, type EntityResult, type SyncContext, zeroCounts } from "./context.js";
import { upsertFilm } from "./films.js";
import { ensureHall } from "./halls.js";
import { priceWarningOf, type SyncWarning } from "./price-check.js";

const INSERT_CHUNK = 500;

/**
 * Showtimes for the next `days` business days, with the cleaning rule of doc 001 applied to every
 * vendor: new → insert; present → update when its content changed; missing while still before its
 * stop-selling time → mark invalid (never delete: orders reference them). A failed or empty answer changes nothing (doc 003 §2.1: keep the
 * last good data) and is reported as the run's error.
 */
export async function syncShowtimes(ctx: SyncContext): Promise<EntityResult> {
  const counts = zeroCounts();
  const fromDate = businessDayOf(ctx.clock.now());
  const toDate = addDays(fromDate, ctx.days - 1);
  const res = await ctx.connector.listShowtimes({ cinema: cinemaRef(ctx.cinema), fromDate, toDate });
  if (!res.ok) return { ok: false, counts, error: res.error };
  if (res.value.length === 0) {
    return {
      ok: false,
      counts,
      error: {
        code: "not_found",
        message: `vendor returned no showtimes for ${fromDate}..${toDate}; kept the last data`,
      },
    };
  }

  const existing = await ctx.db
    .selectFrom("showtimes")
    .select(["id", "vendor_showtime_id", "content_hash", "valid", "stop_selling_at"])
    .where("cinema_id", "=", ctx.cinema.id)
    .where("business_day", ">=", fromDate)
    .where("business_day", "<=", toDate)
    .execute();
  const byVendorId = new Map(existing.map((r) => [r.vendor_showtime_id, r]));
  const seen = new Set<string>();
  const inserts: Array<Insertable<ShowtimesTable>> = [];
  const filmIds = new Map<string, string>();
  const hallIds = new Map<string, string>();
  const warnings: SyncWarning[] = [];

  for (const v of res.value) {
    counts.seen++;
    seen.add(v.vendorShowtimeId);
    const hallId = hallIds.get(v.vendorHallId) ?? (await ensureHall(ctx, v.vendorHallId, v.hallName));
    hallIds.set(v.vendorHallId, hallId);
    const filmId = filmIds.get(v.vendorFilmId) ?? (await filmIdFor(ctx, v));
    filmIds.set(v.vendorFilmId, filmId);
    const { fields, warning } = showtimeFields(ctx, v, hallId, filmId);
    if (warning) warnings.push(warning);
    const hash = contentHash(fields);
    const current = byVendorId.get(v.vendorShowtimeId);
    if (!current) {
      inserts.push({
        id: newId("sho"),
        cinema_id: ctx.cinema.id,
        vendor_showtime_id: v.vendorShowtimeId,
        ...fields,
        content_hash: hash,
      });
    } else if (current.content_hash !== hash || !current.valid) {
      await ctx.db
        .updateTable("showtimes")
        .set({ ...fields, valid: true, content_hash: hash, updated_at: new Date(ctx.clock.now()) })
        .where("id", "=", current.id)
        .execute();
      counts.updated++;
    }
  }
  for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
    await ctx.db
      .insertInto("showtimes")
      .values(inserts.slice(i, i + INSERT_CHUNK))
      .execute();
  }
  counts.inserted = inserts.length;

  // Vendors stop listing a show once its selling stops (Moviefan does): that is the past, not a
  // removal. Only a show that should still be on sale and is missing was taken down.
  const now = ctx.clock.now();
  const gone = existing
    .filter((r) => r.valid && !seen.has(r.vendor_showtime_id) && r.stop_selling_at.getTime() > now)
    .map((r) => r.id);
  if (gone.length > 0) {
    await ctx.db
      .updateTable("showtimes")
      .set({ valid: false, updated_at: new Date(ctx.clock.now()) })
      .where("id", "in", gone)
      .execute();
  }
  counts.invalidated = gone.length;
  return { ok: true, counts, warnings };
}

function showtimeFields(ctx: SyncContext, v: VendorShowtime, hallId: string, filmId: string) {
  const price = salePrice({
    listFen: v.price.listFen,
    settleFen: v.price.settleFen,
    lowestFen: v.price.lowestFen,
    vendorFeeFen: v.price.serviceFeeFen,
    cinemaServiceFeeFen: ctx.cinema.service_fee_fen,
  });
  const areaPrices = (v.areaPrices ?? []).map((a) => {
    const p = salePrice({
      settleFen: a.settleFen,
      lowestFen: v.price.lowestFen,
      vendorFeeFen: v.price.serviceFeeFen,
      cinemaServiceFeeFen: ctx.cinema.service_fee_fen,
    });
    return { areaId: a.areaId, areaName: a.areaName, settleFen: p.settleFen, saleFen: p.saleFen };
  });
  const warning = priceWarningOf(
    v,
    { saleFen: price.saleFen, areaSaleFen: areaPrices.map((a) => a.saleFen) },
    ctx.priceBand,
  );
  const fields = {
    hall_id: hallId,
    film_id: filmId,
    business_day: businessDayOf(v.startsAt),
    starts_at: new Date(v.startsAt),
    ends_at: v.endsAt === undefined ? null : new Date(v.endsAt),
    stop_selling_at: new Date(v.stopSellingAt),
    // A showtime whose price cannot be trusted is not sold until the vendor's next answer is sane.
    on_sale: v.onSale && !warning,
    price_warning: warning?.message ?? null,
    language: v.language ?? "",
    version: v.version ?? "",
    list_fen: v.price.listFen ?? price.settleFen,
    settle_fen: price.settleFen,
    lowest_fen: v.price.lowestFen ?? 0,
    vendor_fee_fen: v.price.serviceFeeFen ?? 0,
    sale_fen: price.saleFen,
    service_fee_fen: price.serviceFeeFen,
    area_prices: JSON.stringify(areaPrices),
    version_key: v.versionKey ?? null,
    vendor_data: JSON.stringify(v.vendorData ?? {}),
  };
  return { fields, warning };
}

/** The merged film for a showtime's vendor film; created from the showtime's own data if the film list lacked it. */
async function filmIdFor(ctx: SyncContext, v: VendorShowtime): Promise<string> {
  const ref = await ctx.db
    .selectFrom("film_refs")
    .select("film_id")
    .where("vendor_account_id", "=", ctx.cinema.vendor_account_id)
    .where("vendor_film_id", "=", v.vendorFilmId)
    .executeTakeFirst();
  if (ref) return ref.film_id;
  await upsertFilm(ctx.db, ctx.cinema.vendor_account_id, {
    vendorFilmId: v.vendorFilmId,
    nationalCode: v.filmNationalCode,
    title: v.filmTitle ?? v.vendorFilmId,
    language: v.language,
  });
  const created = await ctx.db
    .selectFrom("film_refs")
    .select("film_id")
    .where("vendor_account_id", "=", ctx.cinema.vendor_account_id)
    .where("vendor_film_id", "=", v.vendorFilmId)
    .executeTakeFirstOrThrow();
  return created.film_id;
}
