import type { Cinema, Dataset, Film, Hall, Seat, Showtime } from "../core/dataset-types.js";
import { perDataset } from "../core/per-dataset.js";
import { chinaDate, showTimeText } from "./wire.js";

/**
 * The 火凤凰 view of the data set: only cinemas with vendor "huofenghuang". `cinemaId` is the
 * national code and `cinemaLinkId` the cinema's internal code (doc 000 §三: not the national code).
 * Halls are numbered 1… per cinema; a hall has one section for its ordinary seats and one per
 * priced area (`section[@id]` is 16 digits, §5.2); seats are named by their printed labels
 * (`rowId`, `columnId`). A show is `seqNo` (global) + `showSeqNo` (its place in the hall that day).
 */
export interface HfhShow {
  /** The data set's showtime id (`show.id`): what the shared order book holds seats under. */
  id: string;
  show: Showtime;
  cinema: Cinema;
  hall: Hall;
  hallNo: string;
  seqNo: string;
  showSeqNo: string;
  showDate: string;
  showTime: string;
  filmId: string;
}

export interface HfhCatalog {
  cinemas: Cinema[];
  /** By `${cinemaId}|${cinemaLinkId}`. */
  cinema(cinemaId: string, linkId: string): Cinema | undefined;
  hall(cinema: Cinema, hallNo: string): Hall | undefined;
  hallNo(cinema: Cinema, hall: Hall): string;
  /** The hall's section id of a seat: ordinary seats `…01`, each area `…02`, `…03` … */
  sectionOf(hall: Hall, seat: Seat): string;
  sections(hall: Hall): Array<{ id: string; name: string; areaId?: string }>;
  seatByLabels(hall: Hall, rowId: string, columnId: string): Seat | undefined;
  shows(cinema: Cinema): HfhShow[];
  /** The show a trade names: hall, film, showSeqNo, date and time must all match. */
  find(
    cinema: Cinema,
    q: { hallId: string; filmId: string; showSeqNo: string; showDate: string; showTime: string },
  ): HfhShow | undefined;
  byShowId(showId: string): HfhShow | undefined;
  film(id: string): Film | undefined;
}

/** 12-digit national film code + 2 (§5.2: 14 characters). */
export const wireFilmId = (film: Film) => `${film.nationalCode}01`;

const sectionId = (n: number) => String(n).padStart(16, "0");

export function buildCatalog(dataset: Dataset): HfhCatalog {
  const cinemas = dataset.cinemas.filter((c) => c.vendor === "huofenghuang");
  const byIds = new Map(cinemas.map((c) => [`${c.nationalCode}|${c.internalCode}`, c]));
  const cinemaById = new Map(cinemas.map((c) => [c.id, c]));
  const filmById = new Map(dataset.films.map((f) => [f.id, f]));
  const filmByWire = new Map(dataset.films.map((f) => [wireFilmId(f), f]));
  const hallNo = (cinema: Cinema, hall: Hall) => String(cinema.halls.indexOf(hall) + 1);
  const showsByCinema = new Map<string, HfhShow[]>();
  const byShowId = new Map<string, HfhShow>();
  const seqInHall = new Map<string, number>();
  dataset.showtimes.forEach((show, i) => {
    const cinema = cinemaById.get(show.cinemaId);
    const hall = cinema?.halls.find((h) => h.id === show.hallId);
    const film = filmById.get(show.filmId);
    if (!cinema || !hall || !film) return;
    const showDate = chinaDate(show.startsAt);
    const key = `${cinema.id}|${hall.id}|${showDate}`;
    const n = (seqInHall.get(key) ?? 0) + 1;
    seqInHall.set(key, n);
    const s: HfhShow = {
      id: show.id,
      show,
      cinema,
      hall,
      hallNo: hallNo(cinema, hall),
      seqNo: String(100000 + i + 1),
      showSeqNo: String(n),
      showDate,
      showTime: showTimeText(show.startsAt),
      filmId: wireFilmId(film),
    };
    showsByCinema.set(cinema.id, [...(showsByCinema.get(cinema.id) ?? []), s]);
    byShowId.set(show.id, s);
  });
  const sections = (hall: Hall) => [
    { id: sectionId(1), name: "普通区" },
    ...hall.areas.map((a, i) => ({ id: sectionId(i + 2), name: a.name, areaId: a.id })),
  ];
  return {
    cinemas,
    cinema: (cinemaId, linkId) => byIds.get(`${cinemaId}|${linkId}`),
    hall: (cinema, no) => cinema.halls[Number(no) - 1],
    hallNo,
    sectionOf: (hall, seat) => {
      const i = seat.areaId ? hall.areas.findIndex((a) => a.id === seat.areaId) : -1;
      return sectionId(i >= 0 ? i + 2 : 1);
    },
    sections,
    seatByLabels: (hall, rowId, columnId) => hall.seats.find((s) => s.rowLabel === rowId && s.colLabel === columnId),
    shows: (cinema) => showsByCinema.get(cinema.id) ?? [],
    find: (cinema, q) =>
      (showsByCinema.get(cinema.id) ?? []).find(
        (s) =>
          s.hallNo === q.hallId &&
          s.filmId === q.filmId &&
          s.showSeqNo === q.showSeqNo &&
          s.showDate === q.showDate &&
          s.showTime === String(Number(q.showTime)),
      ),
    byShowId: (id) => byShowId.get(id),
    film: (id) => filmByWire.get(id),
  };
}

/** The catalogue of the current data set. */
export const catalogSource = (dataset: () => Dataset): (() => HfhCatalog) => perDataset(dataset, buildCatalog);
