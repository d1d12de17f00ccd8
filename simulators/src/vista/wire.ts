/**
 * VISTA wire formats: WCF JSON dates (`\/Date(ms+0800)\/`), OData local datetimes (China time, no
 * offset) and the JSON serializer that escapes the date slashes as WCF does.
 */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** `/Date(1438827090884+0800)/` — epoch ms (UTC) plus the China offset marker, as WCF renders it. */
export function wcfDate(epochMs: number): string {
  return `/Date(${epochMs}+0800)/`;
}

/** OData datetime in China local time without offset: `2016-10-19T10:30:00`. */
export function odataDateTime(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19);
}

/** Parses an OData/ISO local datetime (`2015-08-08`, `2015-08-08T10:30`, …) as China time. */
export function parseChinaLocal(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - CHINA_OFFSET_MS;
}

/** Start of the business day (06:00 China time) a moment belongs to, rendered as `YYYY-MM-DDT00:00:00`. */
export function businessDate(epochMs: number): string {
  const local = new Date(epochMs + CHINA_OFFSET_MS - 6 * 3600_000);
  return `${local.toISOString().slice(0, 10)}T00:00:00`;
}

/** `2015/08/06 10:11` (China time), used in BookingRef. */
export function shortLocal(epochMs: number): string {
  const iso = odataDateTime(epochMs);
  return `${iso.slice(0, 10).replaceAll("-", "/")} ${iso.slice(11, 16)}`;
}

/** JSON.stringify, then escape the slashes of WCF dates the way the .NET serializer writes them. */
export function serializeVistaJson(payload: unknown): string {
  return JSON.stringify(payload).replace(/"\/Date\((-?\d+)([+-]\d{4})?\)\/"/g, '"\\/Date($1$2)\\/"');
}
