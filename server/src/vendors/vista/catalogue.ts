import type { SeatLayout, SeatStatusMap, VendorCinema, VendorFilm, VendorShowtime } from "../../domain/catalog.js";
import { fail, ok, type Result } from "../../domain/errors.js";
import { areasOfLayout, type ShowtimeAreas } from "../../domain/showtime-areas.js";
import { businessDayOf } from "../../domain/time.js";
import type { CinemaRef } from "../../domain/trade.js";
import type { ShowtimeQuery } from "../connector.js";
import type { VistaClient } from "./client.js";
import { chooseTicketTypes, listedSessions, toVendorCinema, toVendorFilm, toVendorShowtime } from "./mapping.js";
import { getCinemas, getNowShowing } from "./odata.js";
import { getSeatPlan, toLayout, toStatusMap } from "./seat-plan.js";
import { getTicketsForSession } from "./tickets.js";

/**
 * Catalogue reads (§2.1, §3.1–§3.4). §2.1: when a refresh times out or comes back empty, keep the
 * cached data — so these return an error result (vendor_unavailable, vendorCode "empty" for an
 * empty answer), never an empty list the sync engine would take as "no showtimes".
 */
export interface CatalogueSettings {
  stopSellingMinutes: number;
  preferredTicketTypes: readonly string[];
  /** Parallel GetTicketsForSession calls while listing showtimes. */
  ticketConcurrency: number;
}

export async function ping(client: VistaClient): Promise<Result<{ cinemaCount?: number }>> {
  const res = await getCinemas(client, undefined, ["ID"]);
  return res.ok ? ok({ cinemaCount: res.value.length }) : res;
}

/**
 * §3.1 OData.svc/Cinemas without a filter: what this VISTA installation serves — usually just its
 * own cinema, with CinemaNationalId. doc 000 §三 says the platform's cinema list shows no VISTA
 * cinemas because their codes come from the vendor's onboarding email; both hold: an empty answer
 * is returned as empty (not an error), and the console then asks for the code from that email.
 */
export async function listCinemas(client: VistaClient): Promise<Result<VendorCinema[]>> {
  const res = await getCinemas(client);
  return res.ok ? ok(res.value.map(toVendorCinema)) : res;
}

/** `Cinemas` filtered by a known ID (the code from the onboarding email). */
export async function getCinema(client: VistaClient, cinema: CinemaRef): Promise<Result<VendorCinema>> {
  const res = await getCinemas(client, cinema.vendorCinemaId);
  if (!res.ok) return res;
  const row = res.value.find((c) => String(c["ID"]) === cinema.vendorCinemaId);
  return row ? ok(toVendorCinema(row)) : fail("not_found", `VISTA has no cinema ID ${cinema.vendorCinemaId}`);
}

const emptyAnswer = (what: string) =>
  fail("vendor_unavailable", `${what} answered nothing; §2.1: keep the cached data`, "empty");

export async function listFilms(client: VistaClient, cinema: CinemaRef): Promise<Result<VendorFilm[]>> {
  const res = await getNowShowing(client, cinema.vendorCinemaId, false);
  if (!res.ok) return res;
  if (res.value.length === 0) return emptyAnswer("GetNowShowingScheduledFilms");
  return ok(res.value.map(toVendorFilm));
}

export async function listShowtimes(
  client: VistaClient,
  settings: CatalogueSettings,
  query: ShowtimeQuery,
): Promise<Result<VendorShowtime[]>> {
  const cinemaId = query.cinema.vendorCinemaId;
  const films = await getNowShowing(client, cinemaId, true);
  if (!films.ok) return films;
  if (films.value.length === 0) return emptyAnswer("GetNowShowingScheduledFilms");
  const sessions = listedSessions(films.value).filter((s) => {
    const day = businessDayOf(s.startsAt);
    return day >= query.fromDate && day <= query.toDate;
  });
  const out: (VendorShowtime | undefined)[] = new Array(sessions.length);
  let failure: Result<never> | undefined;
  let next = 0;
  const worker = async () => {
    while (failure === undefined && next < sessions.length) {
      const i = next++;
      const s = sessions[i]!;
      const types = await getTicketsForSession(client, cinemaId, s.sessionId);
      if (!types.ok) {
        // A session VISTA now calls invalid (4) was withdrawn since the listing: leave it out.
        if (types.error.code === "not_found") continue;
        failure = types;
        return;
      }
      const chosen = chooseTicketTypes(types.value, client.clientClass, settings.preferredTicketTypes);
      out[i] = toVendorShowtime(s, chosen, settings.stopSellingMinutes);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, settings.ticketConcurrency) }, worker));
  if (failure) return failure;
  return ok(out.filter((s): s is VendorShowtime => s !== undefined));
}

/** VISTA seat plans are per session (§3.4): the layout is read from a showtime of the hall. */
export async function getSeatLayout(
  client: VistaClient,
  cinema: CinemaRef,
  vendorHallId: string,
  showtime?: VendorShowtime,
): Promise<Result<SeatLayout>> {
  if (!showtime) {
    return fail("invalid_request", "VISTA has seat plans per session only (§3.4): pass a showtime of the hall");
  }
  const plan = await getSeatPlan(client, cinema.vendorCinemaId, showtime.vendorShowtimeId);
  if (!plan.ok) return plan;
  const base = (showtime.vendorData as { baseAreaCategoryCode?: string } | undefined)?.baseAreaCategoryCode;
  return ok(toLayout(plan.value, vendorHallId, base));
}

/**
 * A session's own area categories and their seats (doc 003: seat plan and ticket types are per
 * session; a session may price areas its hall's stored plan does not).
 */
export async function getShowtimeAreas(
  client: VistaClient,
  cinema: CinemaRef,
  showtime: VendorShowtime,
): Promise<Result<ShowtimeAreas>> {
  const layout = await getSeatLayout(client, cinema, showtime.vendorHallId, showtime);
  return layout.ok ? ok(areasOfLayout(layout.value)) : layout;
}

export async function getSeatStatus(
  client: VistaClient,
  cinema: CinemaRef,
  showtime: Pick<VendorShowtime, "vendorShowtimeId">,
): Promise<Result<SeatStatusMap>> {
  const plan = await getSeatPlan(client, cinema.vendorCinemaId, showtime.vendorShowtimeId);
  return plan.ok ? ok(toStatusMap(plan.value)) : plan;
}
