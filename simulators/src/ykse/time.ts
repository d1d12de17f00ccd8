/** China time (UTC+8, no DST since 1991) formatting for the ykse wire format. */
const OFFSET = 8 * 3600_000;
export const MINUTE = 60_000;
export const DAY = 24 * 3600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function parts(t: number) {
  const d = new Date(t + OFFSET);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
}

/** "yyyy-MM-dd HH:mm:ss" */
export function fmtDateTime(t: number): string {
  const p = parts(t);
  return `${p.y}-${pad(p.m)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}

/** "yyyy-MM-dd" */
export function fmtDate(t: number): string {
  return fmtDateTime(t).slice(0, 10);
}

/** "yyyyMMdd" */
export function compactDate(t: number): string {
  return fmtDate(t).replaceAll("-", "");
}

/** Business date ("yyyy-MM-dd") of an instant: the business day runs 06:00–05:59 (doc 002 §4.2.2). */
export function businessDate(t: number): string {
  return fmtDate(t - 6 * 3600_000);
}

/** Parses "yyyy-MM-dd" (the doc also shows "yyyy-MM-d"); returns a normalised "yyyy-MM-dd" or undefined. */
export function normaliseDate(s: unknown): string | undefined {
  if (typeof s !== "string") return undefined;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const mm = Number(mo);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return undefined;
  return `${y}-${pad(mm)}-${pad(dd)}`;
}

/** Epoch ms of 00:00 China time on the given "yyyy-MM-dd". */
export function dateStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - OFFSET;
}
