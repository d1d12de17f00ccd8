import { cityName } from "../city-names.js";
import type { SyncContext } from "./context.js";

/** Records a city the first time a cinema in it is seen; a vendor-supplied name replaces a bare code. */
export async function upsertCity(ctx: Pick<SyncContext, "db">, code: string, vendorName?: string): Promise<void> {
  const name = vendorName ?? cityName(code);
  await ctx.db
    .insertInto("cities")
    .values({ code, name: name ?? code })
    .onConflict((oc) =>
      name ? oc.column("code").doUpdateSet({ name }).where("cities.name", "<>", name) : oc.column("code").doNothing(),
    )
    .execute();
}
