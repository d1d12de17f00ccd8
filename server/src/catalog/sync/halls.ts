import { newId } from "../../security/ids.js";
import type { SyncContext } from "./context.js";

/** A hall's id, creating a minimal row when a showtime names a hall the cinema list did not. */
export async function ensureHall(
  ctx: Pick<SyncContext, "db" | "cinema">,
  vendorHallId: string,
  name?: string,
): Promise<string> {
  const found = await ctx.db
    .selectFrom("halls")
    .select("id")
    .where("cinema_id", "=", ctx.cinema.id)
    .where("vendor_hall_id", "=", vendorHallId)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await ctx.db
    .insertInto("halls")
    .values({ id: newId("hal"), cinema_id: ctx.cinema.id, vendor_hall_id: vendorHallId, name: name ?? vendorHallId })
    .onConflict((oc) => oc.columns(["cinema_id", "vendor_hall_id"]).doUpdateSet({ vendor_hall_id: vendorHallId }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
