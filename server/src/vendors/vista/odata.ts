import { fail, ok, type Result } from "../../domain/errors.js";
import type { VistaClient } from "./client.js";

/**
 * OData.svc (§1 技术注意点 2, §3.1, §3.2): `$format=json` always, `$filter` for conditions, `$select`
 * naming only the fields we read (the document asks for it: much smaller answers), `$expand` for
 * navigation properties. Values are percent-encoded as in the document's example (%20, %27);
 * commas and slashes of `$select`/`$expand` stay readable.
 */
export interface ODataQuery {
  filter?: string;
  select: readonly string[];
  expand?: readonly string[];
  /** Service-operation parameters, e.g. GetNowShowingScheduledFilms' `cinemaId`. */
  params?: Record<string, string>;
}

const encode = (v: string) => encodeURIComponent(v).replace(/'/g, "%27").replace(/%2C/g, ",").replace(/%2F/g, "/");

/** An OData string literal: `'0200'`, quotes doubled inside. */
export const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;

export function odataPath(entitySet: string, q: ODataQuery): string {
  const parts = ["$format=json"];
  for (const [k, v] of Object.entries(q.params ?? {})) parts.push(`${k}=${encode(v)}`);
  if (q.filter) parts.push(`$filter=${encode(q.filter)}`);
  if (q.expand?.length) parts.push(`$expand=${encode(q.expand.join(","))}`);
  parts.push(`$select=${encode(q.select.join(","))}`);
  return `/OData.svc/${entitySet}?${parts.join("&")}`;
}

/** GET an OData entity set; answers `value` (JSON light) or the bare object/array. */
export function odataGet(
  client: VistaClient,
  entitySet: string,
  q: ODataQuery,
): Promise<Result<Record<string, unknown>[]>> {
  return client.call({ call: entitySet, method: "GET", path: odataPath(entitySet, q), idempotent: true }, (a) => {
    // JSON light (`value`), or verbose JSON (`d` / `d.results`) from older Connect versions.
    const d = a.json["d"] as { results?: unknown } | unknown[] | undefined;
    const value = a.json["value"] ?? (Array.isArray(d) ? d : d?.results);
    if (Array.isArray(value)) return ok(value as Record<string, unknown>[]);
    return fail("vendor_unavailable", `OData ${entitySet} answer has no value array`, "no_value");
  });
}

// --- §3.1 Cinemas ---------------------------------------------------------------------------------

export const CINEMA_FIELDS = ["ID", "CinemaNationalId", "Name", "PhoneNumber", "Address1", "City"] as const;

export function getCinemas(client: VistaClient, cinemaId?: string, select: readonly string[] = CINEMA_FIELDS) {
  return odataGet(client, "Cinemas", {
    ...(cinemaId ? { filter: `ID eq ${literal(cinemaId)}` } : {}),
    select,
  });
}

// --- §3.2 GetNowShowingScheduledFilms -------------------------------------------------------------

export const FILM_FIELDS = ["ScheduledFilmId", "Title", "ShortCode", "RunTime"] as const;
export const SESSION_FIELDS = [
  "Sessions/SessionId",
  "Sessions/Showtime",
  "Sessions/ScreenNumber",
  "Sessions/ScreenName",
  "Sessions/Attributes/Description",
] as const;

/**
 * Films now showing at one cinema with their sessions and session attributes. `Showtime` cannot be
 * used as a condition yet (§3.2 table: 暂时不可用), so business days are filtered by the caller.
 */
export function getNowShowing(client: VistaClient, cinemaId: string, withSessions: boolean) {
  return odataGet(client, "GetNowShowingScheduledFilms", {
    params: { cinemaId: literal(cinemaId) },
    expand: ["Sessions/Attributes"],
    select: withSessions ? [...FILM_FIELDS, ...SESSION_FIELDS] : [...FILM_FIELDS, "Sessions/Attributes/Description"],
  });
}
