import type { AreaPrice, Cinema, Hall, Showtime } from "../core/dataset-types.js";
import { DAY_MS, MINUTE_MS } from "./china-time.js";
import type { FilmEntry } from "./films.js";
import type { Rng } from "./random.js";

const FIRST_SHOW_MINUTE = 10 * 60;
const LAST_START_MINUTE = 23 * 60 + 30;
/** Shows starting before noon are not area-priced, so one hall has both kinds of showtime. */
const NOON_MINUTE = 12 * 60;
const STOP_SELLING_MINUTES = 15;
const VERSION_SURCHARGE_FEN: Record<string, number> = { "2D": 0, "3D": 1_000, IMAX: 3_000 };

/** The films that can play on one business day, with cumulative weights for a weighted pick. */
interface DayProgramme {
  all: WeightedFilms;
  imax: WeightedFilms;
}

interface WeightedFilms {
  entries: FilmEntry[];
  cumulative: number[];
}

function weighted(entries: FilmEntry[]): WeightedFilms {
  let sum = 0;
  return { entries, cumulative: entries.map((e) => (sum += e.weight)) };
}

function pickWeighted(rng: Rng, w: WeightedFilms): FilmEntry {
  const target = rng.next() * w.cumulative[w.cumulative.length - 1]!;
  const i = w.cumulative.findIndex((c) => c > target);
  return w.entries[i === -1 ? w.entries.length - 1 : i]!;
}

/** Computed once per day for the whole data set, not per hall. */
export function buildProgrammes(films: FilmEntry[], firstBusinessDate: number, days: number): DayProgramme[] {
  const programmes: DayProgramme[] = [];
  for (let d = 0; d < days; d++) {
    const dayEnd = firstBusinessDate + (d + 1) * DAY_MS;
    const playing = films.filter((f) => f.releasedAt < dayEnd);
    const imax = playing.filter((f) => f.film.versions.includes("IMAX"));
    programmes.push({ all: weighted(playing), imax: weighted(imax.length > 0 ? imax : playing) });
  }
  return programmes;
}

/**
 * Priced-area arrays are shared between showtimes with the same price (there are only a few distinct
 * ones), which keeps hundreds of thousands of showtimes small.
 */
function areaPricesCache(): (hall: Hall, settleFen: number) => AreaPrice[] {
  const none: AreaPrice[] = Object.freeze([]) as unknown as AreaPrice[];
  const cache = new Map<string, AreaPrice[]>();
  return (hall, settleFen) => {
    if (hall.areas.length === 0) return none;
    const key = `${hall.id}:${settleFen}`;
    let prices = cache.get(key);
    if (!prices) {
      // The VIP area settles 15 yuan above the hall's settle price (doc 002 §11 area pricing).
      prices = Object.freeze(
        hall.areas.map((a) => Object.freeze({ areaId: a.id, settleFen: settleFen + 1_500 })),
      ) as AreaPrice[];
      cache.set(key, prices);
    }
    return prices;
  };
}

export interface ShowtimeBuilder {
  /** Appends the cinema's showtimes for every day to `out`. */
  addCinema(rng: Rng, cinema: Cinema, out: Showtime[]): void;
}

export function createShowtimeBuilder(programmes: DayProgramme[], firstBusinessDate: number): ShowtimeBuilder {
  const areaPrices = areaPricesCache();
  let serial = 0;
  return {
    addCinema(rng, cinema, out) {
      // A cinema has one price level; big-city cinemas charge a little more.
      const base2dFen = rng.int(35, 55) * 100 + (cinema.cityCode === "110100" || cinema.shanghai ? 500 : 0);
      const feeFen = rng.pick([0, 200, 300, 300]);
      programmes.forEach((programme, d) => {
        const date = firstBusinessDate + d * DAY_MS;
        for (const hall of cinema.halls) {
          const isImax = hall.type === "IMAX厅";
          let minute = FIRST_SHOW_MINUTE + rng.int(0, 6) * 5;
          while (minute <= LAST_START_MINUTE) {
            const entry = pickWeighted(rng, isImax ? programme.imax : programme.all);
            const film = entry.film;
            const version =
              isImax && film.versions.includes("IMAX")
                ? "IMAX"
                : film.versions.includes("3D") && rng.chance(0.35)
                  ? "3D"
                  : "2D";
            const primeTime = minute >= 18 * 60 && minute < 22 * 60 ? 500 : 0;
            const listFen = base2dFen + (VERSION_SURCHARGE_FEN[version] ?? 0) + primeTime;
            const settleFen = Math.round((listFen * (0.6 + rng.int(0, 3) * 0.05)) / 100) * 100;
            const lowestFen = settleFen - rng.int(0, 8) * 100;
            const startsAt = date + minute * MINUTE_MS;
            const endsAt = startsAt + film.durationMinutes * MINUTE_MS;
            out.push({
              id: String(1_000_000 + serial++),
              cinemaId: cinema.id,
              hallId: hall.id,
              filmId: film.id,
              startsAt,
              endsAt,
              stopSellingMinutes: STOP_SELLING_MINUTES,
              language: film.language,
              version,
              listFen,
              settleFen,
              lowestFen,
              feeFen,
              // Area prices belong to a showtime, not a hall (ykse doc 002 §11): morning shows in a
              // hall with a VIP area sell every seat at one price.
              areaPrices: minute < NOON_MINUTE ? [] : areaPrices(hall, settleFen),
              onSale: true,
            });
            // Cleaning time between shows, then round up to the next 5 minutes as cinemas schedule.
            const next = minute + film.durationMinutes + 15 + rng.int(0, 3) * 5;
            minute = Math.ceil(next / 5) * 5;
          }
        }
      });
    },
  };
}
