import type { Dataset, MemberCard, MemberCardGrade, Showtime } from "../core/dataset-types.js";
import type { SimulatorDescriptor } from "../core/descriptor.js";
import { businessDate, businessDayStart } from "./china-time.js";
import { buildCinema, cinemaVendors } from "./cinemas.js";
import { cityProfiles } from "./cities.js";
import { buildConcessions } from "./concessions.js";
import { buildFilms } from "./films.js";
import { createHallCache } from "./hall-layout.js";
import { buildCards, buildGrades } from "./members.js";
import { createRng } from "./random.js";
import { buildProgrammes, createShowtimeBuilder } from "./showtimes.js";

export interface GenerateOptions {
  seed?: number;
  /** Number of cinemas (default 12), spread round-robin over the cinema-owning vendors. */
  cinemas?: number;
  /** Business days of showtimes (default 7). */
  days?: number;
  /**
   * Epoch ms inside the first business day; default: the start (06:00 China time) of the current
   * business day, so a freshly started demo has today's showtimes.
   */
  baseTime?: number;
  /**
   * The cinema-owning vendors (default: those of simulators/src/all.ts). A scaffolded vendor under
   * test adds itself here without being registered.
   */
  vendors?: readonly SimulatorDescriptor[];
}

export const DEFAULT_SEED = 20_240_601;

/**
 * Builds the vendor-neutral demo data set. Deterministic for a given (seed, cinemas, days, baseTime).
 * The result is meant to be read-only: halls (and their seats) are frozen and shared between cinemas.
 */
export function generateDataset(opts: GenerateOptions = {}): Dataset {
  const seed = opts.seed ?? DEFAULT_SEED;
  const cinemaCount = opts.cinemas ?? 12;
  const days = opts.days ?? 7;
  if (!Number.isInteger(cinemaCount) || cinemaCount < 0) throw new RangeError(`cinemas must be a non-negative integer`);
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer`);
  const baseTime = opts.baseTime ?? businessDayStart(Date.now());
  const firstBusinessDate = businessDate(baseTime);

  const rng = createRng(seed);
  const films = buildFilms(rng, firstBusinessDate);
  const showtimeBuilder = createShowtimeBuilder(buildProgrammes(films, firstBusinessDate, days), firstBusinessDate);
  const vendors = opts.vendors ?? cinemaVendors;
  const cinemaCtx = {
    cities: cityProfiles,
    vendors,
    vendorCounters: vendors.map(() => 0),
    idWidth: Math.max(3, String(cinemaCount).length),
    hallFor: createHallCache(),
  };

  const cinemas = [];
  const showtimes: Showtime[] = [];
  const cardGrades: MemberCardGrade[] = [];
  const cards: MemberCard[] = [];
  const concessions = [];
  for (let i = 0; i < cinemaCount; i++) {
    const cinema = buildCinema(rng, i, cinemaCtx);
    cinemas.push(cinema);
    const grades = buildGrades(cinema);
    cardGrades.push(...grades);
    cards.push(...buildCards(rng, cinema, i, grades));
    concessions.push(...buildConcessions(cinema));
    showtimeBuilder.addCinema(rng, cinema, showtimes);
  }

  return {
    seed,
    baseTime,
    cities: cityProfiles.map(({ code, name }) => ({ code, name })),
    cinemas,
    films: films.map((f) => f.film),
    showtimes,
    cardGrades,
    cards,
    concessions,
  };
}
