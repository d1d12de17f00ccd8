import { createHash } from "node:crypto";
import type { Cinema, Hall, Seat, SeatType, Showtime } from "../core/dataset-types.js";
import { type Args, BizError, type BizResult, ok, okList, optStr, str } from "./envelope.js";
import { yuan } from "./money.js";
import { REFUND_LIMIT_PER_SCHEDULE, type YkseState } from "./state.js";
import { businessDate, fmtDate, fmtDateTime, MINUTE, normaliseDate } from "./time.js";

/** Doc 002 §4: cinemas, schedules, seat maps, area seats and sold seats. */

/** Every hall has one section (场区); the data set's priced areas become ykse areas (分区). */
export const SECTION_ID = "0000000000000001";
export const SECTION_NAME = "普通区";

export const seatIdOf = (seat: Seat) => `${SECTION_ID}-${seat.rowLabel}-${seat.colLabel}`;

const SEAT_TYPES: Record<SeatType, string> = {
  normal: "N",
  vip: "N",
  wheelchair: "W",
  loveLeft: "L",
  loveRight: "R",
  motion: "Z",
};

export function hallTypeCode(hall: Hall): string {
  if (/imax/i.test(hall.type)) return "I";
  if (/vip|贵宾/i.test(hall.type)) return "Y";
  return "N";
}

export interface SeatInfo {
  seat: Seat;
  seatId: string;
  seatCode: string;
}

const seatIndexCache = new WeakMap<Hall, Map<string, SeatInfo>>();

export function seatIndex(hall: Hall): Map<string, SeatInfo> {
  let idx = seatIndexCache.get(hall);
  if (!idx) {
    idx = new Map();
    hall.seats.forEach((seat, i) => {
      const seatId = seatIdOf(seat);
      idx?.set(seatId, { seat, seatId, seatCode: String(i + 1).padStart(16, "0") });
    });
    seatIndexCache.set(hall, idx);
  }
  return idx;
}

export function requireCinema(state: YkseState, args: Args, name = "cinemaLinkId"): Cinema {
  const code = str(args, name);
  const cinema = state.cinemaByCode(code);
  if (!cinema) throw new BizError("CHANNEL_CINEMA_NOT_FOUND");
  return cinema;
}

/** scheduleKey: a digest of everything the partner relies on; it changes whenever the schedule does. */
export function scheduleKey(s: Showtime): string {
  const basis = [
    s.id,
    s.hallId,
    s.filmId,
    s.startsAt,
    s.stopSellingMinutes,
    s.listFen,
    s.settleFen,
    s.lowestFen,
    s.feeFen,
    s.onSale,
    s.areaPrices.map((a) => `${a.areaId}:${a.settleFen}`).join(","),
  ].join("|");
  return createHash("md5").update(basis).digest("hex").toUpperCase();
}

export const stopSellingAt = (s: Showtime) => s.startsAt - s.stopSellingMinutes * MINUTE;

export interface ScheduleRef {
  cinema: Cinema;
  showtime: Showtime;
  hall: Hall;
}

/** Finds a schedule of the cinema; checks the scheduleKey when `key` is given. */
export function requireSchedule(state: YkseState, cinema: Cinema, scheduleId: string, key?: string): ScheduleRef {
  const showtime = state.showtime(scheduleId);
  if (!showtime || showtime.cinemaId !== cinema.id) throw new BizError("SCHEDULE_NOT_FOUND");
  const hall = state.hallOf(cinema, showtime.hallId);
  if (!hall) throw new BizError("SCHEDULE_NOT_FOUND");
  if (key !== undefined && key !== scheduleKey(showtime)) throw new BizError("SCHEDULE_HAS_CHANGED");
  return { cinema, showtime, hall };
}

/** Area (分区) of a seat for a schedule with area prices, with that area's settle price. */
export function seatArea(ref: ScheduleRef, seat: Seat): { name: string; code: string; settleFen: number } | undefined {
  if (!seat.areaId) return undefined;
  const price = ref.showtime.areaPrices.find((a) => a.areaId === seat.areaId);
  if (!price) return undefined;
  const area = ref.hall.areas.find((a) => a.id === seat.areaId);
  return { name: area?.name ?? seat.areaId, code: seat.areaId, settleFen: price.settleFen };
}

// --- handlers -------------------------------------------------------------------------------------

export function getCinemas(state: YkseState): BizResult {
  const cities = new Map(state.ctx.dataset.cities.map((c) => [c.code, c.name]));
  return okList(
    state.ykseCinemas().map((c) => ({
      cinemaLinkId: c.internalCode,
      name: c.name,
      cinemaId: c.nationalCode,
      cityCode: c.cityCode,
      city: cities.get(c.cityCode) ?? "",
      hallCount: c.halls.length,
      // "为空代表不可退票": a negative refundBeforeMinutes in the data set means "no refunds".
      ...(c.refundBeforeMinutes >= 0 ? { refundBeforeTime: String(c.refundBeforeMinutes) } : {}),
      refundLimitCount: String(REFUND_LIMIT_PER_SCHEDULE),
      halls: c.halls.map((h) => ({ hallId: h.id, name: h.name, seatCount: h.seats.length, type: hallTypeCode(h) })),
    })),
  );
}

function dimensional(version: string): string {
  if (/4D/i.test(version)) return "4D";
  if (/3D/i.test(version)) return "3D";
  return "2D";
}

function screenSize(version: string, hall: Hall): string {
  if (/imax/i.test(version) || /imax/i.test(hall.type)) return "IMAX";
  if (/dmax|巨幕/i.test(version) || /dmax|巨幕/i.test(hall.type)) return "DMAX";
  return "NORMAL";
}

export function benefitPriceFen(s: Showtime, rate: number): number {
  return Math.max(s.lowestFen, Math.round((s.listFen * rate) / 100) * 100);
}

export function getSchedules(state: YkseState, args: Args): BizResult {
  const cinema = requireCinema(state, args);
  const startRaw = optStr(args, "startDate");
  const endRaw = optStr(args, "endDate");
  const queryType = optStr(args, "priceQueryType") ?? "default";
  if (!["default", "benefit", "specialSeat"].includes(queryType)) throw new BizError("ILLEGAL_ARGUMENT");
  const start = startRaw === undefined ? businessDate(state.now()) : normaliseDate(startRaw);
  const end = endRaw === undefined ? (startRaw === undefined ? start : undefined) : normaliseDate(endRaw);
  if (!start || (endRaw !== undefined && !end)) throw new BizError("FORMAT_ERROR");
  if (state.ctx.faults.config.hideShowtimesFor.includes(cinema.internalCode)) return okList([]);
  const films = new Map(state.ctx.dataset.films.map((f) => [f.id, f]));
  const now = state.now();
  const list = state.ctx.dataset.showtimes
    .filter((s) => s.cinemaId === cinema.id)
    .filter((s) => {
      const day = businessDate(s.startsAt);
      return day >= start && (end === undefined || day <= end);
    })
    .sort((a, b) => a.startsAt - b.startsAt)
    .flatMap((s) => {
      const hall = state.hallOf(cinema, s.hallId);
      const film = films.get(s.filmId);
      if (!hall || !film) return [];
      const ref = { cinema, showtime: s, hall };
      const row: Record<string, unknown> = {
        scheduleId: s.id,
        scheduleKey: scheduleKey(s),
        cinemaLinkId: cinema.internalCode,
        showDateTime: fmtDateTime(s.startsAt),
        hallId: s.hallId,
        standardPrice: yuan(s.listFen),
        lowestPrice: yuan(s.lowestFen),
        ...(s.settleFen > 0 ? { settlePrice: yuan(s.settleFen) } : {}),
        ticketFee: yuan(s.feeFen),
        feeType: "ticket",
        throughStatus: "N",
        stopSellingTime: fmtDateTime(stopSellingAt(s)),
        saleStatus: s.onSale && now < stopSellingAt(s) ? "Y" : "N",
        sessionCode: `${cinema.internalCode}${fmtDate(s.startsAt).replaceAll("-", "").slice(2)}${s.id}`,
        film: {
          name: film.title,
          shortName: `${film.title}(${s.version})`,
          filmCode: film.nationalCode,
          language: s.language,
          duration: film.durationMinutes,
          dimensional: dimensional(s.version),
          size: screenSize(s.version, hall),
        },
      };
      if (s.areaPrices.length > 0) {
        row.areaSettlePrices = s.areaPrices.map((a) => ({
          name: seatAreaName(ref, a.areaId),
          settlePrice: yuan(a.settleFen),
        }));
      }
      if (queryType === "benefit") {
        row.benefitCardPrices = state.policies
          .filter((p) => p.status === "enable" && (p.cinemas.length === 0 || p.cinemas.includes(cinema.internalCode)))
          .map((p) => ({
            benefitPolicyCode: p.code,
            benefitPayPrice: yuan(benefitPriceFen(s, p.priceRate)),
            ...(p.eachShowDiscountTickets !== undefined ? { eachShowDiscountTickets: p.eachShowDiscountTickets } : {}),
          }));
      }
      return [row];
    });
  return okList(list);
}

function seatAreaName(ref: ScheduleRef, areaId: string): string {
  return ref.hall.areas.find((a) => a.id === areaId)?.name ?? areaId;
}

export function getSeats(state: YkseState, args: Args): BizResult {
  const cinema = requireCinema(state, args);
  const hallId = str(args, "hallId");
  const hall = state.hallOf(cinema, hallId);
  if (!hall) throw new BizError("DATA_NOT_EXIST");
  const seats = [...seatIndex(hall).values()].map(({ seat, seatId }) => ({
    seatId,
    rowId: seat.rowLabel,
    columnId: seat.colLabel,
    x: seat.x,
    y: seat.y,
    type: SEAT_TYPES[seat.type],
    damage: seat.broken ? "Y" : "N",
  }));
  return ok({
    cinemaLinkId: cinema.internalCode,
    hallId: hall.id,
    seatPlanList: [
      {
        effectiveDate: fmtDate(state.ctx.dataset.baseTime),
        sections: [{ sectionId: SECTION_ID, name: SECTION_NAME, seats }],
      },
    ],
  });
}

export function getScheduleAreaSeats(state: YkseState, args: Args): BizResult {
  const cinema = requireCinema(state, args);
  const ref = requireSchedule(state, cinema, str(args, "scheduleId"), str(args, "scheduleKey"));
  const areaDetails = ref.showtime.areaPrices.map((ap) => ({
    name: seatAreaName(ref, ap.areaId),
    code: ap.areaId,
    seats: ref.hall.seats.filter((s) => s.areaId === ap.areaId).map((s) => ({ seatId: seatIdOf(s) })),
  }));
  return ok({
    cinemaLinkId: cinema.internalCode,
    scheduleId: ref.showtime.id,
    scheduleKey: scheduleKey(ref.showtime),
    sectionAreas: [{ sectionId: SECTION_ID, areaDetails }],
  });
}

export function getScheduleSoldSeats(state: YkseState, args: Args): BizResult {
  const cinema = requireCinema(state, args);
  const sectionId = str(args, "sectionId");
  const ref = requireSchedule(state, cinema, str(args, "scheduleId"), str(args, "scheduleKey"));
  const taken = state.unavailableSeats(ref.showtime.id);
  const seats =
    sectionId === SECTION_ID
      ? [...seatIndex(ref.hall).values()]
          .filter(({ seat, seatId }) => seat.broken || taken.has(seatId))
          .map(({ seatId }) => ({ seatId }))
      : [];
  return ok({
    cinemaLinkId: cinema.internalCode,
    scheduleId: ref.showtime.id,
    scheduleKey: scheduleKey(ref.showtime),
    sectionList: [{ sectionId, seats }],
  });
}
