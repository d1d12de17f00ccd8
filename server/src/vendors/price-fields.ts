import { yuanToFen } from "../domain/money.js";

/**
 * Reading a showtime's price fields, shared by the connectors whose vendors send yuan text (辰星,
 * 火烈鸟, 鼎新, 满天星, Moviefan …). A price we cannot read must keep the showtime off sale with a
 * `priceIssue` naming the field, never become 0, so every reader answers the same three ways.
 */
export interface YuanField {
  fen?: number;
  issue?: string;
}

/** A yuan amount as fen: absent (undefined) is {}, text that is not money an issue naming the field. */
export function yuanField(name: string, text: string | undefined): YuanField {
  if (text === undefined) return {};
  try {
    return { fen: yuanToFen(text) };
  } catch {
    return { issue: `${name} ${JSON.stringify(text)} is not a yuan amount` };
  }
}

/** The price fields as the vendor sent them, for support staff: `Name="text"` pairs, absent ones left out. */
export const rawPrice = (names: readonly string[], read: (name: string) => string | undefined): string =>
  names
    .map((k) => [k, read(k)] as const)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(" ");

/** A film's versions listed in one field ("2D,3D", "IMAX/3D", "2D，中文"). */
export const splitVersions = (text: string): string[] =>
  text
    .split(/[,，/]/)
    .map((v) => v.trim())
    .filter(Boolean);
