import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { VendorFilm } from "../../domain/catalog.js";
import { newId } from "../../security/ids.js";
import { contentHash } from "../content-hash.js";
import { cinemaRef, type EntityResult, type SyncContext, zeroCounts } from "./context.js";

/** Films of one cinema's vendor account, merged with every other vendor's by national film code. */
export async function syncFilms(ctx: SyncContext): Promise<EntityResult> {
  const counts = zeroCounts();
  const res = await ctx.connector.listFilms(cinemaRef(ctx.cinema));
  if (!res.ok) return { ok: false, counts, error: res.error };
  for (const film of res.value) {
    counts.seen++;
    const outcome = await upsertFilm(ctx.db, ctx.cinema.vendor_account_id, film);
    counts[outcome]++;
  }
  return { ok: true, counts };
}

/**
 * Finds or creates the merged film for a vendor film and remembers the vendor's id for it. The
 * national code (广电 filmCode / ShortCode) is the merge key; without one the vendor's id is.
 */
export async function upsertFilm(
  db: Db,
  vendorAccountId: string,
  film: VendorFilm,
): Promise<"inserted" | "updated" | "seen"> {
  const fields = {
    title: film.title,
    language: film.language ?? "",
    duration_minutes: film.durationMinutes ?? null,
    versions: [...(film.versions ?? [])].sort(),
    poster: film.poster ?? null,
    director: film.director ?? null,
    cast: film.cast ?? null,
    release_date: film.releaseDate ?? null,
  };
  const hash = contentHash(fields);
  const ref = await db
    .selectFrom("film_refs")
    .select("film_id")
    .where("vendor_account_id", "=", vendorAccountId)
    .where("vendor_film_id", "=", film.vendorFilmId)
    .executeTakeFirst();
  let filmId = ref?.film_id;
  if (!filmId && film.nationalCode) {
    const byCode = await db
      .selectFrom("films")
      .select("id")
      .where("national_code", "=", film.nationalCode)
      .executeTakeFirst();
    filmId = byCode?.id;
  }
  let outcome: "inserted" | "updated" | "seen" = "seen";
  if (!filmId) {
    const inserted = await db
      .insertInto("films")
      .values({
        id: newId("flm"),
        national_code: film.nationalCode ?? null,
        source_account_id: vendorAccountId,
        ...fields,
        content_hash: hash,
      })
      .onConflict((oc) => oc.column("national_code").doUpdateSet({ updated_at: sql`films.updated_at` }))
      .returning("id")
      .executeTakeFirstOrThrow();
    filmId = inserted.id;
    outcome = "inserted";
  } else {
    // Versions (2D, IMAX …) come from the sessions of the cinema being synced, so cinemas of one
    // account list different ones for the same film. The film keeps the union; taking each cinema's
    // list as the truth would rewrite the row on every cinema's sync.
    const current = await db.selectFrom("films").select("versions").where("id", "=", filmId).executeTakeFirst();
    const merged = { ...fields, versions: [...new Set([...(current?.versions ?? []), ...fields.versions])].sort() };
    const mergedHash = contentHash(merged);
    const upd = await db
      .updateTable("films")
      .set({ ...merged, content_hash: mergedHash, updated_at: new Date() })
      .where("id", "=", filmId)
      .where("source_account_id", "=", vendorAccountId)
      .where("content_hash", "<>", mergedHash)
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) > 0) outcome = "updated";
  }
  if (!ref) {
    await db
      .insertInto("film_refs")
      .values({ vendor_account_id: vendorAccountId, vendor_film_id: film.vendorFilmId, film_id: filmId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return outcome;
}
