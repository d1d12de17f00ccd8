import type { Bilingual } from "../domain/bilingual.js";
import { businessDayOf, CHINA_OFFSET_MS } from "../domain/time.js";
import type { RuleScope } from "./rule.js";
import type { ShowtimeFacts } from "./showtime-facts.js";

/** Why a scope did or did not match: the first dimension that excluded the showtime, in English and as a code. */
export type MatchResult = { matched: true } | { matched: false; field: keyof RuleScope | "time"; reason: Bilingual };

/** "HH:mm" → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The showtime's start as minutes after midnight, China clock time. */
export function clockMinutes(epochMs: number): number {
  const d = new Date(epochMs + CHINA_OFFSET_MS);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

/** ISO weekday (1 = Monday) of a "YYYY-MM-DD" date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * Whether a clock time lies in a band [from, to). A band whose end is before its start wraps
 * midnight (22:00–02:00 holds 23:30 and 01:00). Weekday and date are judged on the business day,
 * so a 01:00 show after Friday night is a Friday show, as the vendors' documents count it.
 */
export function inTimeBand(minutes: number, from: string | undefined, to: string | undefined): boolean {
  const f = from === undefined ? 0 : minutesOf(from);
  const t = to === undefined ? 24 * 60 : minutesOf(to);
  if (f <= t) return minutes >= f && minutes < t;
  return minutes >= f || minutes < t;
}

const listed = <T>(list: T[] | undefined, value: T) => list === undefined || list.length === 0 || list.includes(value);

/** Whether a rule's scope holds this showtime sold through this channel. Pure. */
export function matchScope(scope: RuleScope, s: ShowtimeFacts, channel: string): MatchResult {
  const no = (field: keyof RuleScope | "time", zh: string, en: string): MatchResult => ({
    matched: false,
    field,
    reason: { zh, en },
  });
  if (!listed(scope.channels, channel))
    return no("channels", `渠道 ${channel} 不在规则的渠道中`, `channel ${channel} is not in the rule's channels`);
  if (!listed(scope.cinemaIds, s.cinemaId))
    return no("cinemaIds", `影院 ${s.cinemaId} 不在规则的影院中`, `cinema ${s.cinemaId} is not in the rule's cinemas`);
  if (scope.cityCodes?.length && (s.cityCode === null || !scope.cityCodes.includes(s.cityCode)))
    return no(
      "cityCodes",
      `城市 ${s.cityCode ?? "（无）"} 不在规则的城市中`,
      `city ${s.cityCode ?? "(none)"} is not in the rule's cities`,
    );
  if (!listed(scope.vendors, s.vendor))
    return no("vendors", `系统商 ${s.vendor} 不在规则的系统商中`, `vendor ${s.vendor} is not in the rule's vendors`);
  if (!listed(scope.filmIds, s.filmId))
    return no("filmIds", `影片 ${s.filmId} 不在规则的影片中`, `film ${s.filmId} is not in the rule's films`);
  if (!listed(scope.versions, s.version))
    return no(
      "versions",
      `版本 ${s.version || "（无）"} 不在规则的版本中`,
      `version ${s.version || "(none)"} is not in the rule's versions`,
    );
  if (!listed(scope.hallTypes, s.hallType))
    return no(
      "hallTypes",
      `影厅类型 ${s.hallType || "（无）"} 不在规则的影厅类型中`,
      `hall type ${s.hallType || "(none)"} is not in the rule's hall types`,
    );
  const day = businessDayOf(s.startsAt);
  if (scope.dateFrom !== undefined && day < scope.dateFrom)
    return no("dateFrom", `营业日 ${day} 早于 ${scope.dateFrom}`, `business day ${day} is before ${scope.dateFrom}`);
  if (scope.dateTo !== undefined && day > scope.dateTo)
    return no("dateTo", `营业日 ${day} 晚于 ${scope.dateTo}`, `business day ${day} is after ${scope.dateTo}`);
  if (!listed(scope.weekdays, isoWeekday(day)))
    return no(
      "weekdays",
      `营业日 ${day} 是星期 ${isoWeekday(day)}，不在规则的星期中`,
      `business day ${day} is weekday ${isoWeekday(day)}, not one of the rule's weekdays`,
    );
  if (scope.timeFrom !== undefined || scope.timeTo !== undefined) {
    const m = clockMinutes(s.startsAt);
    if (!inTimeBand(m, scope.timeFrom, scope.timeTo)) {
      const hhmm = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
      const band = `${scope.timeFrom ?? "00:00"}–${scope.timeTo ?? "24:00"}`;
      return no("time", `${hhmm} 开场，不在 ${band} 时段内`, `starts at ${hhmm}, outside ${band}`);
    }
  }
  return { matched: true };
}
