/**
 * China time. Cinemas in mainland China use UTC+8 with no daylight saving, so a fixed offset is
 * exact. A business day runs from 06:00 to 05:59 the next morning (a 01:30 show on the 23rd
 * belongs to the 22nd's business day), as the vendor documents define it.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000;
export const BUSINESS_DAY_START_HOUR = 6;

/** Anything that tells the time; tests and simulators inject one they can advance. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Epoch ms → "2026-11-22T19:30:00+08:00". */
export function toChinaIso(epochMs: number): string {
  const d = new Date(epochMs + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** "2026-11-22 19:30:00" or "2026-11-22T19:30[:00]" in China local time → epoch ms. */
export function parseChinaLocal(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a China local date-time: ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) - CHINA_OFFSET_MS;
}

/** Epoch ms → China calendar date "YYYY-MM-DD". */
export function chinaDate(epochMs: number): string {
  const d = new Date(epochMs + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The business day a moment belongs to, "YYYY-MM-DD". */
export function businessDayOf(epochMs: number): string {
  return chinaDate(epochMs - BUSINESS_DAY_START_HOUR * 3600_000);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** [start, end) epoch ms of a business day: 06:00 that day to 06:00 the next, China time. */
export function businessDayRange(date: string): { start: number; end: number } {
  if (!isValidDate(date)) throw new RangeError(`not a date: ${JSON.stringify(date)}`);
  const start = parseChinaLocal(`${date} 0${BUSINESS_DAY_START_HOUR}:00:00`);
  return { start, end: start + 24 * 3600_000 };
}

/** Adds whole days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  const { start } = businessDayRange(date);
  return chinaDate(start + days * 24 * 3600_000);
}
