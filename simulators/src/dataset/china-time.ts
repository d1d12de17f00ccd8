/**
 * China has had a single UTC+8 offset with no daylight saving since 1991, so a fixed offset is exact
 * and avoids pulling a time-zone library into the simulators.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;

/** Epoch ms of 00:00 China time on the calendar day containing `t`. */
export function chinaMidnight(t: number): number {
  return Math.floor((t + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/**
 * Epoch ms of 00:00 China time of the calendar date the business day containing `t` is named after.
 * Cinemas count 00:00–05:59 as the previous day's business (the business day is 06:00–05:59).
 */
export function businessDate(t: number): number {
  return chinaMidnight(t - 6 * 60 * MINUTE_MS);
}

/** "YYYY-MM-DD" of `t` in China time. */
export function chinaDateString(t: number): string {
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes past China-time midnight of `t` (0–1439). */
export function chinaMinuteOfDay(t: number): number {
  return Math.floor((t - chinaMidnight(t)) / MINUTE_MS);
}

/** Epoch ms of 06:00 China time opening the business day that contains `t`. */
export function businessDayStart(t: number): number {
  return businessDate(t) + 6 * 60 * MINUTE_MS;
}
