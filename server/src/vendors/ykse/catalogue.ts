import type { SeatLayout, SeatStatusMap, VendorCinema, VendorFilm, VendorShowtime } from "../../domain/catalog.js";
import { fail, ok, type Result } from "../../domain/errors.js";
import { NO_AREAS, type ShowtimeAreas } from "../../domain/showtime-areas.js";
import { addDays, businessDayOf, type Clock, chinaDate } from "../../domain/time.js";
import type { CinemaRef, ShowtimeRef } from "../../domain/trade.js";
import type { ShowtimeQuery } from "../connector.js";
import type { YkseClient } from "./client.js";
import {
  asArr,
  asObj,
  filmsOfSchedules,
  mapAreaSeats,
  mapCinema,
  mapSchedule,
  mapSeatPlan,
  mapSoldSeats,
  pickSeatPlan,
  scheduleData,
  type YkseSection,
} from "./mapping.js";

/**
 * Catalogue calls, doc 002 §4: cinemas with halls (§4.1), schedules (§4.2), seat map (§4.3),
 * area seats and the §11 area pricing flow (§4.4), unsellable seats (§4.5).
 */
export type PriceQueryType = "default" | "benefit" | "specialSeat";

/** Seat maps change rarely (§4.3 note 1 suggests caching 1–2 hours); sections are needed per §4.5 call. */
const SECTION_TTL_MS = 60 * 60_000;

export class YkseCatalogue {
  private readonly sections = new Map<string, { at: number; sections: YkseSection[] }>();

  constructor(
    private readonly client: YkseClient,
    private readonly clock: Clock,
  ) {}

  // §4.1 — the document asks for one call every 4 hours or more; the sync engine honours that.
  async listCinemas(): Promise<Result<VendorCinema[]>> {
    const res = await this.client.call({ api: "ykse.partner.cinema.getCinemas" });
    if (!res.ok) return res;
    return ok((res.value.dataList ?? []).map(mapCinema));
  }

  async getCinema(cinema: CinemaRef): Promise<Result<VendorCinema>> {
    const all = await this.listCinemas();
    if (!all.ok) return all;
    const found = all.value.find((c) => c.vendorCinemaId === cinema.vendorCinemaId);
    return found ? ok(found) : fail("not_found", `cinema ${cinema.vendorCinemaId} is not open to this channel`);
  }

  // §4.2 — startDate/endDate are business days; the vendor caps the range per cinema.
  async listSchedules(query: ShowtimeQuery, priceQueryType: PriceQueryType = "default"): Promise<Result<unknown[]>> {
    const res = await this.client.call({
      api: "ykse.partner.schedule.getSchedules",
      data: {
        cinemaLinkId: query.cinema.vendorCinemaId,
        startDate: query.fromDate,
        endDate: query.toDate,
        priceQueryType,
      },
    });
    if (!res.ok) return res;
    return ok(res.value.dataList ?? asArr(res.value.data));
  }

  async listShowtimes(
    query: ShowtimeQuery,
    priceQueryType: PriceQueryType = "default",
  ): Promise<Result<VendorShowtime[]>> {
    const res = await this.listSchedules(query, priceQueryType);
    if (!res.ok) return res;
    return ok(res.value.map(mapSchedule));
  }

  /** ykse has no film call: films are the distinct films of the next week's schedules. */
  async listFilms(cinema: CinemaRef): Promise<Result<VendorFilm[]>> {
    const today = businessDayOf(this.clock.now());
    const res = await this.listSchedules({ cinema, fromDate: today, toDate: addDays(today, 6) });
    if (!res.ok) return res;
    return ok(filmsOfSchedules(res.value));
  }

  // §4.3 — the hall's seat map, with no areas: area seats belong to a schedule (§4.4, getShowtimeAreas).
  async getSeatLayout(cinema: CinemaRef, hallId: string, showtime?: ShowtimeRef): Promise<Result<SeatLayout>> {
    const res = await this.client.call({
      api: "ykse.partner.seat.getSeats",
      data: { cinemaLinkId: cinema.vendorCinemaId, hallId },
    });
    if (!res.ok) return res;
    const onDate = chinaDate(showtime?.startsAt ?? this.clock.now());
    const plan = pickSeatPlan(asArr(asObj(res.value.data).seatPlanList), onDate);
    const { layout, sections } = mapSeatPlan(hallId, plan);
    this.sections.set(`${cinema.vendorCinemaId}:${hallId}`, { at: this.clock.now(), sections });
    return ok(layout);
  }

  /**
   * §4.4 + §11: a schedule with areaSettlePrices is area-priced; its area seats tell which seat pays
   * which area settle price. Ordinary schedules have no areas, read without calling the vendor
   * (§4.4.2 note 1). Area ids are the area names, as areaSettlePrices names them.
   */
  async getShowtimeAreas(cinema: CinemaRef, showtime: ShowtimeRef): Promise<Result<ShowtimeAreas>> {
    const data = scheduleData(showtime.vendorData);
    if (!data || Object.keys(data.areaSettleFen).length === 0) return ok(NO_AREAS);
    const res = await this.client.call({
      api: "ykse.partner.seat.getScheduleAreaSeats",
      data: {
        cinemaLinkId: cinema.vendorCinemaId,
        scheduleId: showtime.vendorShowtimeId,
        scheduleKey: showtime.versionKey ?? data.scheduleKey,
      },
    });
    if (!res.ok) return res;
    const seatAreas = mapAreaSeats(res.value.data, data.areaSettleFen);
    return ok({
      areas: [...new Set(seatAreas.values())].map((name) => ({ id: name, name })),
      seatAreas: Object.fromEntries(seatAreas),
    });
  }

  // §4.5 — one call per section (场区) of the hall.
  async getSeatStatus(cinema: CinemaRef, showtime: ShowtimeRef): Promise<Result<SeatStatusMap>> {
    const scheduleKey = showtime.versionKey ?? scheduleData(showtime.vendorData)?.scheduleKey;
    if (!scheduleKey) return fail("invalid_request", "showtime has no scheduleKey: sync the schedules first");
    const sections = await this.sectionsOf(cinema, showtime.vendorHallId);
    if (!sections.ok) return sections;
    const status: SeatStatusMap = {};
    for (const section of sections.value) {
      const res = await this.client.call({
        api: "ykse.partner.seat.getScheduleSoldSeats",
        data: {
          cinemaLinkId: cinema.vendorCinemaId,
          sectionId: section.sectionId,
          scheduleId: showtime.vendorShowtimeId,
          scheduleKey,
        },
      });
      if (!res.ok) return res;
      mapSoldSeats(res.value.data, status);
    }
    return ok(status);
  }

  private async sectionsOf(cinema: CinemaRef, hallId: string): Promise<Result<YkseSection[]>> {
    const key = `${cinema.vendorCinemaId}:${hallId}`;
    const cached = this.sections.get(key);
    if (cached && this.clock.now() - cached.at < SECTION_TTL_MS) return ok(cached.sections);
    const layout = await this.getSeatLayout(cinema, hallId);
    if (!layout.ok) return layout;
    return ok(this.sections.get(key)?.sections ?? []);
  }
}
