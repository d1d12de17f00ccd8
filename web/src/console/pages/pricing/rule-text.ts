import type { Translate } from "../../locale";
import { yuan } from "../orders/status-tag";
import type { PriceSpec, RuleScope } from "./types";

/** One line a person can read for a rule's scope ("影院: 2 · 周五, 周六 · 22:00–02:00"). */
export function scopeText(s: RuleScope, t: Translate, cinemaNames: ReadonlyMap<string, string> = new Map()): string {
  const parts: string[] = [];
  const list = (label: Parameters<Translate>[0], v?: string[]) => {
    if (v?.length)
      parts.push(`${t(label)}: ${v.length > 3 ? `${v.slice(0, 3).join(", ")}…(${v.length})` : v.join(", ")}`);
  };
  list("pricing.scope.channels", s.channels);
  list(
    "pricing.scope.cinemas",
    s.cinemaIds?.map((id) => cinemaNames.get(id) ?? id),
  );
  list("pricing.scope.cities", s.cityCodes);
  list("pricing.scope.vendors", s.vendors);
  list("pricing.scope.films", s.filmIds);
  list("pricing.scope.versions", s.versions);
  list("pricing.scope.hallTypes", s.hallTypes);
  if (s.weekdays?.length)
    parts.push(s.weekdays.map((d) => t(`pricing.weekday.${d}` as Parameters<Translate>[0])).join(", "));
  if (s.timeFrom) parts.push(`${s.timeFrom}–${s.timeTo}`);
  if (s.dateFrom || s.dateTo) parts.push(`${s.dateFrom ?? "…"} ~ ${s.dateTo ?? "…"}`);
  return parts.length ? parts.join(" · ") : t("pricing.scope.all");
}

export function priceText(p: PriceSpec, t: Translate): string {
  const base = t(`pricing.base.${p.base}`);
  const round = p.roundToFen && p.roundToFen > 1 ? ` ≈${p.roundToFen}` : "";
  if (p.op === "fixed") return `${yuan(p.valueFen)}${round}`;
  if (p.op === "add") return `${base} ${(p.valueFen ?? 0) < 0 ? "−" : "+"} ${yuan(Math.abs(p.valueFen ?? 0))}${round}`;
  return `${base} × ${p.percent}%${round}`;
}
