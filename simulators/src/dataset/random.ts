import { seededRandom } from "../core/faults.js";

/**
 * The data set draws every choice from one seeded stream so that the same seed always yields
 * byte-identical data (tests and demos can quote concrete seat ids, card numbers and prices).
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A string of `length` decimal digits (leading zeros allowed). */
  digits(length: number): string;
}

export function createRng(seed: number): Rng {
  const next = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    chance: (p) => next() < p,
    digits: (length) => {
      let s = "";
      for (let i = 0; i < length; i++) s += String(int(0, 9));
      return s;
    },
  };
}
