import type { Db } from "../db/database.js";
import type { BuyerSites } from "./sites.js";

/**
 * Every demo cinema gets its buyer site, enabled, at /h5/{slug}/ where the slug is its 8-digit
 * national code (else its id): a restart leaves existing sites (and any change made to them) alone.
 * Returns how many were made.
 */
export async function enableDemoSites(db: Db, sites: BuyerSites): Promise<number> {
  const missing = await db
    .selectFrom("cinemas")
    .leftJoin("buyer_sites", "buyer_sites.cinema_id", "cinemas.id")
    .select(["cinemas.id", "cinemas.name", "cinemas.national_code"])
    .where("buyer_sites.cinema_id", "is", null)
    .where("cinemas.active", "=", true)
    .execute();
  let made = 0;
  for (const c of missing) {
    const slug = (c.national_code ?? c.id.replace(/^cin_/, "")).toLowerCase().replace(/[^a-z0-9-]/g, "");
    try {
      await sites.put(c.id, {
        enabled: true,
        slug: /^[a-z0-9][a-z0-9-]{1,39}$/.test(slug) ? slug : c.id.replace(/^cin_/, ""),
        name: c.name.slice(0, 40),
        logoUrl: null,
        themeColor: "#e4393c",
        notice: "",
        hostName: null,
      });
      made++;
    } catch {
      // A slug another cinema has already (two cinemas with one national code): that cinema is left for the console.
    }
  }
  return made;
}
