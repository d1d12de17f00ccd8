import type { Selectable } from "kysely";
import type { Db } from "../db/database.js";
import type { CinemasTable } from "../db/schema.js";
import { DomainError } from "../domain/domain-error.js";
import type { CinemaRef } from "../domain/trade.js";
import type { ConcessionsConnector } from "../vendors/concessions.js";
import type { CinemaConnector } from "../vendors/connector.js";
import type { BenefitCardsConnector, MemberCardsConnector } from "../vendors/member-cards.js";
import type { ConnectorRegistry } from "../vendors/registry.js";

/** What a card call needs of a cinema's row. */
const CINEMA_COLUMNS = ["id", "vendor", "vendor_account_id", "vendor_cinema_id", "national_code", "shanghai"] as const;

/** One cinema a channel may sell, with its connector and the reference its vendor knows it by. */
export interface ChannelCinema {
  id: string;
  vendor: string;
  vendorAccountId: string;
  ref: CinemaRef;
  connector: CinemaConnector;
}

/**
 * The cinema as the channel may see it: an active cinema linked to the channel (channel_cinemas),
 * exactly as the catalogue reads scope it. Another channel's cinema is indistinguishable from one
 * that does not exist (404), so no channel learns another's cinemas.
 */
export async function channelCinema(
  deps: { db: Db; registry: ConnectorRegistry },
  channelId: string,
  cinemaId: string,
): Promise<ChannelCinema> {
  const row = await deps.db
    .selectFrom("cinemas")
    .innerJoin("channel_cinemas", "channel_cinemas.cinema_id", "cinemas.id")
    .select(CINEMA_COLUMNS.map((c) => `cinemas.${c}` as const))
    .where("channel_cinemas.channel_id", "=", channelId)
    .where("cinemas.id", "=", cinemaId)
    .where("cinemas.active", "=", true)
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", `cinema ${cinemaId} not found`);
  return cinemaOfRow(deps.registry, row);
}

/** The same for a cinema already known to be in scope (the console checks operator scope itself). */
export async function cinemaById(deps: { db: Db; registry: ConnectorRegistry }, cinemaId: string) {
  const row = await deps.db.selectFrom("cinemas").select(CINEMA_COLUMNS).where("id", "=", cinemaId).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", `cinema ${cinemaId} not found`);
  return cinemaOfRow(deps.registry, row);
}

async function cinemaOfRow(
  registry: ConnectorRegistry,
  row: Pick<Selectable<CinemasTable>, (typeof CINEMA_COLUMNS)[number]>,
): Promise<ChannelCinema> {
  const connector = await registry.forCinema({ id: row.id, vendorAccountId: row.vendor_account_id });
  return {
    id: row.id,
    vendor: row.vendor,
    vendorAccountId: row.vendor_account_id,
    ref: { vendorCinemaId: row.vendor_cinema_id, nationalCode: row.national_code ?? undefined, shanghai: row.shanghai },
    connector,
  };
}

/** 409 with `reason: "not_supported"`: the cinema's system documents no such interface (no pretend support). */
export const notSupported = (cinema: ChannelCinema, what: string) =>
  new DomainError("CONFLICT", `${what} are not supported by this cinema's ticketing system (${cinema.vendor})`, {
    reason: "not_supported",
  });

export function memberCardsOf(cinema: ChannelCinema): MemberCardsConnector {
  const c = cinema.connector as CinemaConnector & { members?: MemberCardsConnector };
  if (!c.capabilities.memberCards || !c.members) throw notSupported(cinema, "member cards");
  return c.members;
}

export function concessionsOf(cinema: ChannelCinema): ConcessionsConnector {
  const c = cinema.connector as CinemaConnector & { goods?: ConcessionsConnector };
  if (!c.capabilities.concessions || !c.goods) throw notSupported(cinema, "concessions");
  return c.goods;
}

/**
 * Benefit cards (联名卡) have no capability flag of their own: only ykse's §8 documents them, and a
 * gateway that reuses ykse's modules with member cards switched off (凤凰云智) has them off too.
 */
export function hasBenefitCards(cinema: ChannelCinema): boolean {
  const c = cinema.connector as CinemaConnector & { benefitCards?: BenefitCardsConnector };
  return c.capabilities.memberCards && c.benefitCards !== undefined;
}

export function benefitCardsOf(cinema: ChannelCinema): BenefitCardsConnector {
  if (!hasBenefitCards(cinema)) throw notSupported(cinema, "benefit cards");
  return (cinema.connector as CinemaConnector & { benefitCards: BenefitCardsConnector }).benefitCards;
}
