import { sql } from "kysely";
import { newId } from "../../security/ids.js";
import { contentHash } from "../content-hash.js";
import { upsertCity } from "./cities.js";
import { cinemaRef, type EntityResult, type SyncContext, zeroCounts } from "./context.js";

/** Cinema details and its halls. Rows are written only when their content changed. */
export async function syncCinemaInfo(ctx: SyncContext): Promise<EntityResult> {
  const counts = zeroCounts();
  const res = await ctx.connector.getCinema(cinemaRef(ctx.cinema));
  if (!res.ok) return { ok: false, counts, error: res.error };
  const v = res.value;
  counts.seen = 1;
  const fields = {
    name: v.name,
    address: v.address ?? "",
    city_code: v.cityCode ?? null,
    phone: v.phone ?? "",
    lat: v.location?.lat ?? null,
    lng: v.location?.lng ?? null,
    refund_before_minutes: v.refundBeforeMinutes ?? null,
    refund_limit_count: v.refundLimitCount ?? null,
    national_code: v.nationalCode ?? ctx.cinema.national_code,
  };
  const hash = contentHash(fields);
  if (v.cityCode) await upsertCity(ctx, v.cityCode, v.cityName);
  const upd = await ctx.db
    .updateTable("cinemas")
    .set({ ...fields, content_hash: hash, updated_at: new Date(ctx.clock.now()) })
    .where("id", "=", ctx.cinema.id)
    .where("content_hash", "<>", hash)
    .executeTakeFirst();
  counts.updated += Number(upd.numUpdatedRows);

  for (const hall of v.halls ?? []) {
    counts.seen++;
    const hallFields = { name: hall.name, type: hall.type ?? "", seat_count: hall.seatCount ?? 0 };
    const hallHash = contentHash(hallFields);
    const row = await ctx.db
      .insertInto("halls")
      .values({
        id: newId("hal"),
        cinema_id: ctx.cinema.id,
        vendor_hall_id: hall.vendorHallId,
        ...hallFields,
        content_hash: hallHash,
      })
      .onConflict((oc) =>
        oc
          .columns(["cinema_id", "vendor_hall_id"])
          .doUpdateSet({ ...hallFields, content_hash: hallHash, updated_at: sql`now()` })
          .where("halls.content_hash", "<>", hallHash),
      )
      .returning(sql<boolean>`xmax = 0`.as("inserted"))
      .executeTakeFirst();
    if (row?.inserted) counts.inserted++;
    else if (row) counts.updated++;
  }
  return { ok: true, counts };
}
