import type { AreaPrice, VendorCinema, VendorFilm, VendorShowtime } from "../../domain/catalog.js";
import { parseChinaLocal } from "../../domain/time.js";
import { numberField, stringField } from "./client.js";

/**
 * VISTA catalogue records → the domain's (VendorCinema, VendorFilm, VendorShowtime). VISTA cents
 * are fen. Datetimes: OData `2016-10-19T10:30:00` is China local time; WCF `\/Date(ms+0800)\/` is
 * epoch ms plus an offset marker.
 */

type Json = Record<string, unknown>;

// --- time ------------------------------------------------------------------------------------------

/** OData local datetime (China time), with optional fraction; an explicit offset is honoured. */
export function parseODataDateTime(text: string): number {
  const t = text.trim();
  if (/(Z|[+-]\d{2}:\d{2})$/.test(t)) return Date.parse(t);
  return parseChinaLocal(t.replace(/\.\d+$/, ""));
}

/** `\/Date(1438827090884+0800)\/` → 1438827090884 (the number is UTC epoch ms). */
export function parseWcfDate(text: string): number | undefined {
  const m = /\/Date\((-?\d+)(?:[+-]\d{4})?\)\//.exec(text);
  return m ? Number(m[1]) : undefined;
}

// --- §3.1 cinema -----------------------------------------------------------------------------------

export function toVendorCinema(c: Json): VendorCinema {
  const phone = stringField(c["PhoneNumber"]);
  const address = stringField(c["Address1"]);
  const city = stringField(c["City"]);
  const national = stringField(c["CinemaNationalId"]);
  return {
    vendorCinemaId: String(c["ID"]),
    name: String(c["Name"] ?? c["ID"]),
    ...(national ? { nationalCode: national } : {}),
    ...(city ? { cityName: city } : {}),
    ...(address ? { address } : {}),
    ...(phone ? { phone } : {}),
  };
}

// --- §3.2 films and sessions -----------------------------------------------------------------------

const FORMAT = /\b[234]D\b|IMAX|DMAX|巨幕|CINITY|杜比|DOLBY|4DX|SCREENX|MX4D|胶片|数字/i;
const LANGUAGE = /国语|普通话|粤语|英语|日语|韩语|法语|原版|原声|方言|双语|中文|外语|MANDARIN|CANTONESE|ENGLISH/i;

function attributeNames(session: Json): string[] {
  const attrs = session["Attributes"];
  if (!Array.isArray(attrs)) return [];
  return attrs.map((a) => stringField((a as Json)["Description"])).filter((d): d is string => d !== undefined);
}

function sessionsOf(film: Json): Json[] {
  const s = film["Sessions"];
  return Array.isArray(s) ? (s as Json[]) : [];
}

export function toVendorFilm(film: Json): VendorFilm {
  const runTime = numberField(film["RunTime"]);
  const national = stringField(film["ShortCode"]);
  const versions = [
    ...new Set(
      sessionsOf(film)
        .flatMap(attributeNames)
        .filter((a) => FORMAT.test(a)),
    ),
  ];
  return {
    vendorFilmId: String(film["ScheduledFilmId"]),
    title: String(film["Title"] ?? ""),
    ...(national ? { nationalCode: national } : {}),
    ...(runTime !== undefined ? { durationMinutes: runTime } : {}),
    ...(versions.length ? { versions } : {}),
  };
}

/** A session as GetNowShowingScheduledFilms lists it, before ticket types are known. */
export interface ListedSession {
  sessionId: string;
  startsAt: number;
  screenNumber: string;
  screenName?: string;
  attributes: string[];
  film: Json;
}

export function listedSessions(films: Json[]): ListedSession[] {
  return films.flatMap((film) =>
    sessionsOf(film).map((s) => {
      const screenName = stringField(s["ScreenName"]);
      return {
        sessionId: String(s["SessionId"]),
        startsAt: parseODataDateTime(String(s["Showtime"])),
        screenNumber: String(s["ScreenNumber"] ?? ""),
        ...(screenName ? { screenName } : {}),
        attributes: attributeNames(s),
        film,
      };
    }),
  );
}

// --- §3.3 ticket types -----------------------------------------------------------------------------

export interface VistaTicketType {
  code: string;
  areaCategoryCode: string;
  description: string;
  /** What AddTickets must quote, exactly (§3.5 补充说明 2). */
  priceInCents: number;
  /** 影城通知第三方售卖价格; integer cents when the cinema sets it. */
  resalePriceInCents?: number;
  salesChannels?: string[];
}

export function parseTicketTypes(json: Json): VistaTicketType[] {
  const tickets = json["Tickets"];
  if (!Array.isArray(tickets)) return [];
  return (tickets as Json[]).flatMap((t) => {
    const price = numberField(t["PriceInCents"]);
    const code = stringField(t["TicketTypeCode"]);
    if (price === undefined || !code) return [];
    const resale = t["ResalePriceInCents"];
    const channels = t["SalesChannels"];
    return [
      {
        code,
        areaCategoryCode: String(t["AreaCategoryCode"] ?? ""),
        description: String(t["Description"] ?? ""),
        priceInCents: price,
        ...(typeof resale === "number" && Number.isInteger(resale) && resale > 0 ? { resalePriceInCents: resale } : {}),
        ...(Array.isArray(channels) ? { salesChannels: channels.map(String) } : {}),
      },
    ];
  });
}

/**
 * The ticket type we sell per area category. §3.3 note 2: the token returns our own channel's
 * ticket types plus the standard ticket. Preference: a code the cinema told us to use
 * (`preferredCodes`, in order); else a type sold to our client class and not at the box office
 * (our channel's own type); else any type sold to our client class (or with no channel list);
 * the vendor's order breaks ties.
 */
export function chooseTicketTypes(
  types: VistaTicketType[],
  clientClass: string,
  preferredCodes: readonly string[] = [],
): Map<string, VistaTicketType> {
  const byArea = new Map<string, VistaTicketType[]>();
  for (const t of types) byArea.set(t.areaCategoryCode, [...(byArea.get(t.areaCategoryCode) ?? []), t]);
  const chosen = new Map<string, VistaTicketType>();
  for (const [area, list] of byArea) {
    const preferred = preferredCodes.map((c) => list.find((t) => t.code === c)).find((t) => t !== undefined);
    const ours = list.filter((t) => !t.salesChannels || t.salesChannels.includes(clientClass));
    const channelOwn = ours.find((t) => t.salesChannels && !t.salesChannels.includes("POS"));
    const pick = preferred ?? channelOwn ?? ours[0];
    if (pick) chosen.set(area, pick);
  }
  return chosen;
}

/** What a showtime carries back to trade time (VendorShowtime.vendorData). */
export interface VistaShowtimeData {
  /** Area category whose seats count as "no priced area" (the lowest code). */
  baseAreaCategoryCode?: string;
  ticketTypes: Record<string, { code: string; priceInCents: number; description: string }>;
  attributes: string[];
}

export function toVendorShowtime(
  s: ListedSession,
  ticketTypes: Map<string, VistaTicketType>,
  stopSellingMinutes: number,
): VendorShowtime {
  const film = s.film;
  const runTime = numberField(film["RunTime"]);
  // The lowest AreaCategoryCode is the hall's ordinary area (VISTA numbers the default category
  // 0000000001; priced areas such as 优选区 are added with higher codes): its price is the showtime's.
  const sorted = [...ticketTypes.values()].sort((a, b) => a.areaCategoryCode.localeCompare(b.areaCategoryCode));
  const base = sorted[0];
  const areaPrices: AreaPrice[] = sorted.slice(1).map((t) => ({
    areaId: t.areaCategoryCode,
    areaName: t.description,
    settleFen: t.priceInCents,
  }));
  const data: VistaShowtimeData = {
    ...(base ? { baseAreaCategoryCode: base.areaCategoryCode } : {}),
    ticketTypes: Object.fromEntries(
      sorted.map((t) => [
        t.areaCategoryCode,
        { code: t.code, priceInCents: t.priceInCents, description: t.description },
      ]),
    ),
    attributes: s.attributes,
  };
  const version = s.attributes.find((a) => FORMAT.test(a));
  const language = s.attributes.find((a) => LANGUAGE.test(a));
  const national = stringField(film["ShortCode"]);
  return {
    vendorShowtimeId: s.sessionId,
    vendorHallId: s.screenNumber,
    ...(s.screenName ? { hallName: s.screenName } : {}),
    vendorFilmId: String(film["ScheduledFilmId"]),
    ...(national ? { filmNationalCode: national } : {}),
    filmTitle: String(film["Title"] ?? ""),
    startsAt: s.startsAt,
    ...(runTime !== undefined ? { endsAt: s.startsAt + runTime * 60_000 } : {}),
    stopSellingAt: s.startsAt - stopSellingMinutes * 60_000,
    onSale: base !== undefined,
    ...(version ? { version } : {}),
    ...(language ? { language } : {}),
    price: base
      ? {
          settleFen: base.priceInCents,
          ...(base.resalePriceInCents !== undefined ? { listFen: base.resalePriceInCents } : {}),
        }
      : {},
    ...(areaPrices.length ? { areaPrices } : {}),
    vendorData: data as unknown as Record<string, unknown>,
  };
}
