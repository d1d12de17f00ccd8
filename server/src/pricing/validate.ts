import { isValidDate } from "../domain/time.js";
import type { RuleInput } from "./rule.js";

export interface FieldError {
  /** JSON pointer into the request body, e.g. "/price/percent". */
  path: string;
  message: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The rule checks a JSON schema cannot express (the route's schema has already checked types and
 * ranges): consistent pairs, what each operation needs, dates that exist. Unknown ids are checked
 * against the database by the store (rule-store.ts).
 */
export function validateRule(rule: RuleInput): FieldError[] {
  const errors: FieldError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (rule.name.trim() === "") err("/name", "must not be blank");
  const s = rule.scope;
  if ((s.timeFrom === undefined) !== (s.timeTo === undefined))
    err(s.timeFrom === undefined ? "/scope/timeFrom" : "/scope/timeTo", "timeFrom and timeTo are given together");
  for (const k of ["timeFrom", "timeTo"] as const) {
    const v = s[k];
    if (v !== undefined && !HHMM.test(v)) err(`/scope/${k}`, "must be HH:mm (00:00–23:59)");
  }
  if (s.timeFrom !== undefined && s.timeFrom === s.timeTo) err("/scope/timeTo", "an empty time band (from = to)");
  for (const k of ["dateFrom", "dateTo"] as const) {
    const v = s[k];
    if (v !== undefined && !isValidDate(v)) err(`/scope/${k}`, "must be a calendar date YYYY-MM-DD");
  }
  if (s.dateFrom !== undefined && s.dateTo !== undefined && s.dateFrom > s.dateTo)
    err("/scope/dateTo", `ends (${s.dateTo}) before it starts (${s.dateFrom})`);
  if (s.weekdays && new Set(s.weekdays).size !== s.weekdays.length) err("/scope/weekdays", "lists a weekday twice");
  for (const k of ["channels", "cinemaIds", "cityCodes", "vendors", "filmIds", "versions", "hallTypes"] as const) {
    const list = s[k];
    if (list && new Set(list).size !== list.length) err(`/scope/${k}`, "lists a value twice");
  }
  const p = rule.price;
  if (p.op === "fixed") {
    if (p.valueFen === undefined) err("/price/valueFen", "a fixed price needs valueFen");
    else if (p.valueFen <= 0) err("/price/valueFen", "a fixed price must be above zero");
    if (p.percent !== undefined) err("/price/percent", "only a percent operation takes percent");
  } else if (p.op === "add") {
    if (p.valueFen === undefined) err("/price/valueFen", "an add operation needs valueFen");
    else if (Math.abs(p.valueFen) > 100_000)
      err("/price/valueFen", "an add operation moves the price by at most 1000 yuan");
    if (p.percent !== undefined) err("/price/percent", "only a percent operation takes percent");
  } else {
    if (p.percent === undefined) err("/price/percent", "a percent operation needs percent");
    else if (p.percent <= 0) err("/price/percent", "must be above 0");
    if (p.valueFen !== undefined) err("/price/valueFen", "a percent operation takes percent, not valueFen");
  }
  return errors;
}
