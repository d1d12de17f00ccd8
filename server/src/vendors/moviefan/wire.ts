import { parseChinaLocal } from "../../domain/time.js";

/**
 * Reading Moviefan answers. The document spells the same key several ways (`HallID` / `hallID`,
 * `orderdetail` / `orderDetail`, `OrderExternalID` / `orderExternalID`, and keys padded with spaces
 * like `" showtimeID "`), and gives numbers as strings in some examples (`"totalCount":"1112"`).
 * Every key is therefore trimmed and lower-cased once, and values are read through these helpers.
 */
export type Wire = { readonly [key: string]: unknown };

export function normalizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.trim().toLowerCase()] = normalizeKeys(v);
    return out;
  }
  return value;
}

/** A field by its documented name, whatever its case. */
export function field(obj: Wire | undefined, name: string): unknown {
  return obj?.[name.toLowerCase()];
}

export function obj(obj: Wire | undefined, name: string): Wire | undefined {
  const v = field(obj, name);
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Wire) : undefined;
}

export function list(obj: Wire | undefined, name: string): Wire[] {
  const v = field(obj, name);
  return Array.isArray(v) ? v.filter((x): x is Wire => !!x && typeof x === "object") : [];
}

/** Trimmed string; undefined for absent or empty. */
export function str(obj: Wire | undefined, name: string): string | undefined {
  const v = field(obj, name);
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === "" ? undefined : s;
}

/** An integer given as a number or a numeric string. */
export function int(obj: Wire | undefined, name: string): number | undefined {
  const s = str(obj, name);
  if (s === undefined || !/^-?\d+(\.0+)?$/.test(s)) return undefined;
  return Number.parseInt(s, 10);
}

export function num(obj: Wire | undefined, name: string): number | undefined {
  const s = str(obj, name);
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** `true`, `"true"`, 1 or "1". */
export function bool(obj: Wire | undefined, name: string): boolean | undefined {
  const s = str(obj, name)?.toLowerCase();
  if (s === undefined) return undefined;
  return s === "true" || s === "1";
}

const NET_DATE = /^\\?\/?Date\((-?\d+)(?:[+-]\d{4})?\)\\?\/?$/;

/**
 * .NET JSON date `/Date(1457020800000+0800)/` (also with escaped slashes `\/Date(…)\/`). The number
 * is epoch milliseconds (UTC); the `+0800` suffix only says which zone the server was in.
 */
export function parseNetDate(text: string): number {
  const m = NET_DATE.exec(text.trim());
  if (!m) throw new RangeError(`not a /Date(ms+0800)/ value: ${JSON.stringify(text)}`);
  return Number(m[1]);
}

/** A date field in either the .NET form or `yyyy-MM-dd HH:mm:ss` China time. */
export function date(obj: Wire | undefined, name: string): number | undefined {
  const s = str(obj, name);
  if (s === undefined) return undefined;
  return NET_DATE.test(s) ? parseNetDate(s) : parseChinaLocal(s);
}

/** Comma-separated code lists such as `"1,2,4,7"`. */
export function codeList(text: string | undefined): number[] {
  if (!text) return [];
  return text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
}
