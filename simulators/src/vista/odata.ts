import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { SimContext } from "../core/context.js";
import { runWithFaults } from "../core/fault-http.js";
import { type Catalog, salesClosed, type VistaSession } from "./catalog.js";
import { odataError, odataFaultRenderer } from "./codes.js";
import {
  checkSelect,
  evalFilter,
  type NavModel,
  ODataQueryError,
  parseFilter,
  parsePaths,
  type SelectTree,
  shapeEntity,
} from "./odata-query.js";
import type { VistaState } from "./state.js";
import { businessDate, odataDateTime } from "./wire.js";

/** OData.svc: Cinemas (§3.1), GetNowShowingScheduledFilms (§3.2) and Sessions (§1 example). */

export const ODATA_BASE = "/WSVistaWebClient/OData.svc";

const MODEL: NavModel = {
  Cinema: {},
  ScheduledFilm: { Sessions: "Session" },
  Session: { Attributes: "SessionAttribute" },
  SessionAttribute: {},
};

type Query = Record<string, string | undefined>;

function cinemaEntity(catalog: Catalog, c: Catalog["cinemas"][number]): Record<string, unknown> {
  const hasSofa = c.halls.some((h) => h.seats.some((s) => s.type === "loveLeft" || s.type === "loveRight"));
  return {
    ID: c.internalCode,
    CinemaNationalId: c.nationalCode,
    Name: c.name,
    NameAlt: "",
    PhoneNumber: c.phone,
    EmailAddress: null,
    Address1: c.address,
    Address2: "",
    City: catalog.cityName(c.cityCode),
    Latitude: c.lat,
    Longitude: c.lng,
    ParkingInfo: "",
    LoyaltyCode: "",
    IsGiftStore: false,
    Description: "",
    DescriptionAlt: null,
    PublicTransport: "",
    AllowPrintAtHomeBookings: false,
    AllowOnlineVoucherValidation: true,
    DisplaySofaSeats: hasSofa,
  };
}

function attributes(s: VistaSession): Record<string, unknown>[] {
  const st = s.showtime;
  const out = [{ ID: `0000000${st.version === "2D" ? "01" : "02"}`, Description: st.version, ShortName: st.version }];
  if (st.language) out.push({ ID: "0000000010", Description: st.language, ShortName: st.language });
  return out;
}

function sessionEntity(s: VistaSession, state: VistaState, now: number): Record<string, unknown> {
  const st = s.showtime;
  const available = Math.max(0, s.hall.sellableCount - state.occupiedCount(s.sessionId));
  return {
    ID: `${s.cinema.internalCode}-${s.sessionId}`,
    CinemaId: s.cinema.internalCode,
    ScheduledFilmId: s.scheduledFilmId,
    SessionId: s.sessionId,
    AreaCategoryCodes: s.hall.areas.map((a) => a.areaCategoryCode),
    Showtime: odataDateTime(st.startsAt),
    IsAllocatedSeating: true,
    AllowChildAdmits: false,
    SeatsAvailable: salesClosed(s, now) ? 0 : available,
    AllowComps: false,
    AllowTicketSales: !salesClosed(s, now),
    ScreenName: s.hall.hall.name,
    ScreenNumber: s.hall.screenNumber,
    SessionBusinessDate: businessDate(st.startsAt),
    SoldoutStatus: st.onSale ? (available === 0 ? 2 : 0) : 1,
    TypeCode: "N",
    FormatCode: st.version,
    PriceGroupCode: "0029",
    FilmNationalCode: s.film.nationalCode,
    SessionAttributesNames: attributes(s).map((a) => a.Description),
    Attributes: attributes(s),
  };
}

function filmEntity(s: VistaSession, sessions: Record<string, unknown>[]): Record<string, unknown> {
  const f = s.film;
  return {
    ID: `${s.cinema.internalCode}-${s.scheduledFilmId}`,
    ScheduledFilmId: s.scheduledFilmId,
    CinemaId: s.cinema.internalCode,
    Title: f.title,
    TitleAlt: "",
    ShortCode: f.nationalCode,
    RatingDescription: `${f.title}(${f.versions.join("/")})`,
    Synopsis: `导演:${f.director};主演:${f.cast};上映日期:${f.releaseDate}`,
    RunTime: String(f.durationMinutes),
    OpeningDate: `${f.releaseDate}T00:00:00`,
    Language: f.language,
    Sessions: sessions,
  };
}

function odataJson(req: FastifyRequest, reply: FastifyReply, set: string, select: string | undefined, value: unknown) {
  reply.header("DataServiceVersion", "3.0;");
  reply.type("application/json;odata=minimalmetadata;streaming=true;charset=utf-8");
  const host = req.headers.host ?? "localhost";
  const metadata = `http://${host}${ODATA_BASE}/$metadata#${set}${select ? `&$select=${select}` : ""}`;
  return { "odata.metadata": metadata, value };
}

function applyQuery(
  rows: Record<string, unknown>[],
  entity: string,
  q: Query,
): { rows: Record<string, unknown>[]; select?: SelectTree } {
  const filter = q["$filter"] ? parseFilter(q["$filter"]) : undefined;
  let out = filter ? rows.filter((r) => evalFilter(filter, r)) : rows;
  const skip = q["$skip"] ? Number.parseInt(q["$skip"], 10) : 0;
  const top = q["$top"] ? Number.parseInt(q["$top"], 10) : undefined;
  if (skip > 0) out = out.slice(skip);
  if (top !== undefined && top >= 0) out = out.slice(0, top);
  const select = parsePaths(q["$select"]);
  const expand = parsePaths(q["$expand"]);
  if (select && rows[0]) checkSelect(select, rows[0], entity, MODEL);
  return { rows: out.map((r) => shapeEntity(r, entity, MODEL, expand, select)), select };
}

export function registerOData(app: FastifyInstance, ctx: SimContext, catalog: Catalog, state: VistaState) {
  const render = odataFaultRenderer();

  const handle =
    (call: string, set: string, produce: (q: Query) => { rows: Record<string, unknown>[]; entity: string }) =>
    async (req: FastifyRequest, reply: FastifyReply) =>
      runWithFaults(ctx.faults, call, reply, render, () => {
        const q = req.query as Query;
        const format = q["$format"];
        if (format !== undefined && format !== "json") {
          reply.code(415);
          return odataError(`Unsupported $format '${format}' (this simulator serves $format=json only)`);
        }
        state.tick();
        try {
          const { rows, entity } = produce(q);
          const shaped = applyQuery(rows, entity, q);
          return odataJson(req, reply, set, q["$select"], shaped.rows);
        } catch (e) {
          if (e instanceof ODataQueryError) {
            reply.code(400);
            return odataError(e.message);
          }
          throw e;
        }
      });

  app.get(
    `${ODATA_BASE}/Cinemas`,
    handle("Cinemas", "Cinemas", () => ({
      entity: "Cinema",
      rows: catalog.cinemas.map((c) => cinemaEntity(catalog, c)),
    })),
  );

  const visibleSessions = (): VistaSession[] => {
    const hidden = new Set(ctx.faults.config.hideShowtimesFor);
    return catalog.sessions.filter((s) => !hidden.has(s.cinema.internalCode));
  };

  app.get(
    `${ODATA_BASE}/Sessions`,
    handle("Sessions", "Sessions", () => {
      const now = ctx.clock.now();
      return { entity: "Session", rows: visibleSessions().map((s) => sessionEntity(s, state, now)) };
    }),
  );

  app.get(
    `${ODATA_BASE}/GetNowShowingScheduledFilms`,
    handle("GetNowShowingScheduledFilms", "ScheduledFilms", (q) => {
      const now = ctx.clock.now();
      // The document's example passes the service-operation parameter `cinemaId='0200'`; the field
      // table spells it CinemaId. Both are accepted; quotes are optional.
      const rawCinema = q["cinemaId"] ?? q["CinemaId"];
      const cinemaId = rawCinema?.replace(/^'(.*)'$/, "$1");
      const groups = new Map<string, { first: VistaSession; sessions: Record<string, unknown>[] }>();
      for (const s of visibleSessions()) {
        if (cinemaId !== undefined && s.cinema.internalCode !== cinemaId) continue;
        if (s.showtime.startsAt <= now) continue; // now showing = sessions still to come
        const key = `${s.cinema.internalCode}/${s.scheduledFilmId}`;
        let g = groups.get(key);
        if (!g) {
          g = { first: s, sessions: [] };
          groups.set(key, g);
        }
        g.sessions.push(sessionEntity(s, state, now));
      }
      return {
        entity: "ScheduledFilm",
        rows: [...groups.values()].map((g) => filmEntity(g.first, g.sessions)),
      };
    }),
  );
}
