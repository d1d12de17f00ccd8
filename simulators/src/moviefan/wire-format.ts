/** China has used a single UTC+8 offset without daylight saving since 1991. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `yyyy-MM-dd HH:mm:ss` in China time (showTime, ticketEndTime, createTime). */
export function chinaDateTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** `yyMMddHH` in China time; the prefix of order numbers such as "1407311000000023". */
export function chinaHourStamp(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}`;
}

/** `yyyyMMdd` in China time. */
export function chinaDateCompact(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** Epoch ms of 00:00 China time on a `YYYY-MM-DD` date. */
export function chinaMidnightOf(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** The .NET JSON date the document uses: `/Date(1457020800000+0800)/`. */
export function netDate(ms: number): string {
  return `/Date(${ms}+0800)/`;
}

/**
 * Serialise an answer the way the vendor's .NET serializer does: `/Date(…)/` strings come out with
 * escaped slashes (`"\/Date(1516607400000+0800)\/"`, as in the queryOrder example). Any JSON parser
 * reads them back as `/Date(…)/`.
 */
export function toWireJson(body: unknown): string {
  return JSON.stringify(body).replace(/"\/Date\((\d+)\+0800\)\/"/g, '"\\/Date($1+0800)\\/"');
}
