import type { Selectable } from "kysely";
import type { ChannelStore } from "../channels/channels.js";
import type { Db } from "../db/database.js";
import type { BuyerSitesTable } from "../db/schema.js";
import { DomainError } from "../domain/domain-error.js";

/** What a cinema's buyer site looks like and where it lives. */
export interface BuyerSite {
  cinemaId: string;
  enabled: boolean;
  slug: string;
  name: string;
  logoUrl: string | null;
  themeColor: string;
  notice: string;
  hostName: string | null;
  /** The built-in channel every order made on the site carries. */
  channelId: string;
}

export type BuyerSiteInput = Omit<BuyerSite, "cinemaId" | "channelId">;

export const SLUG_PATTERN = "^[a-z0-9][a-z0-9-]{1,39}$";
export const HOST_PATTERN = "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";

/** The path of a site on the platform's origin. */
export const sitePath = (slug: string) => `/h5/${slug}/`;

/**
 * The code of a cinema's built-in channel: derived from the cinema id (never from the slug, which
 * may change), inside the channel-code rule (channels.ts).
 */
export const siteChannelCode = (cinemaId: string) => `h5-${cinemaId.replace(/^cin_/, "").toLowerCase()}`.slice(0, 32);

const toSite = (r: Selectable<BuyerSitesTable>): BuyerSite => ({
  cinemaId: r.cinema_id,
  enabled: r.enabled,
  slug: r.slug,
  name: r.name,
  logoUrl: r.logo_url,
  themeColor: r.theme_color,
  notice: r.notice,
  hostName: r.host_name,
  channelId: r.channel_id,
});

/**
 * The per-cinema buyer sites. A site is a channel like any other (pricing rules, webhooks and the
 * console see its orders under its code), made with the site and allowed to sell only its cinema.
 */
export class BuyerSites {
  constructor(
    private readonly db: Db,
    private readonly channels: ChannelStore,
  ) {}

  async get(cinemaId: string): Promise<BuyerSite | undefined> {
    const row = await this.db
      .selectFrom("buyer_sites")
      .selectAll()
      .where("cinema_id", "=", cinemaId)
      .executeTakeFirst();
    return row ? toSite(row) : undefined;
  }

  /** An enabled site by its slug (the buyer's URL); a disabled one is not there for buyers. */
  async enabledBySlug(slug: string): Promise<BuyerSite | undefined> {
    const row = await this.db
      .selectFrom("buyer_sites")
      .selectAll()
      .where("slug", "=", slug)
      .where("enabled", "=", true)
      .executeTakeFirst();
    return row ? toSite(row) : undefined;
  }

  /** The slug a per-cinema host name maps to. */
  async slugOfHost(hostName: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("buyer_sites")
      .select("slug")
      .where("host_name", "=", hostName.toLowerCase())
      .where("enabled", "=", true)
      .executeTakeFirst();
    return row?.slug;
  }

  /** Creates or replaces a cinema's site; a slug or host name another cinema has is a CONFLICT. */
  async put(cinemaId: string, input: BuyerSiteInput): Promise<BuyerSite> {
    const cinema = await this.db.selectFrom("cinemas").select("id").where("id", "=", cinemaId).executeTakeFirst();
    if (!cinema) throw new DomainError("NOT_FOUND", `cinema ${cinemaId} not found`);
    const clash = await this.db
      .selectFrom("buyer_sites")
      .select(["cinema_id", "slug", "host_name"])
      .where("cinema_id", "!=", cinemaId)
      .where((eb) =>
        eb.or([
          eb("slug", "=", input.slug),
          ...(input.hostName ? [eb("host_name", "=", input.hostName.toLowerCase())] : []),
        ]),
      )
      .executeTakeFirst();
    if (clash) {
      const what = clash.slug === input.slug ? `slug ${input.slug}` : `host name ${input.hostName}`;
      throw new DomainError("CONFLICT", `${what} is used by another cinema's site`);
    }
    const channelId = await this.ensureChannel(cinemaId);
    const values = {
      enabled: input.enabled,
      slug: input.slug,
      name: input.name,
      logo_url: input.logoUrl,
      theme_color: input.themeColor,
      notice: input.notice,
      host_name: input.hostName?.toLowerCase() ?? null,
      channel_id: channelId,
      updated_at: new Date(),
    };
    const row = await this.db
      .insertInto("buyer_sites")
      .values({ cinema_id: cinemaId, ...values })
      .onConflict((oc) => oc.column("cinema_id").doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSite(row);
  }

  /** The cinema's built-in channel (made once, linked to this cinema only); its id. */
  async ensureChannel(cinemaId: string): Promise<string> {
    const code = siteChannelCode(cinemaId);
    const existing = await this.channels.findByCode(code);
    const channelId =
      existing?.id ??
      (
        await this.channels
          .create({ code, name: `微官网 ${cinemaId}` })
          .catch(async () => (await this.channels.findByCode(code, Number.POSITIVE_INFINITY))!)
      ).id;
    await this.db
      .insertInto("channel_cinemas")
      .values({ channel_id: channelId, cinema_id: cinemaId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return channelId;
  }
}
