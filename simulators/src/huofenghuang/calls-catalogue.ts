import type { Cinema } from "../core/dataset-types.js";
import { HfhCode, HfhError } from "./codes.js";
import type { HfhCall, HfhEnv, Params } from "./env.js";
import { dataOk, parseChinaDateTime, yuan } from "./wire.js";

/** Ticketing calls that read (public-refs §5.2). */

const must = (c: Cinema | undefined): Cinema => {
  if (!c) throw new HfhError(HfhCode.cinemaNotFound, "影院不存在");
  return c;
};

export function hallOf(env: HfhEnv, cinema: Cinema, p: Params) {
  const hall = env.catalog().hall(cinema, p.req("hallId"));
  if (!hall) throw new HfhError(HfhCode.hallNotFound, "影厅不存在");
  return hall;
}

/** The show a trade or seat query names (hallId, filmId, showSeqNo, showDate, showTime). */
export function showOf(env: HfhEnv, cinema: Cinema, p: Params) {
  const show = env.catalog().find(cinema, {
    hallId: p.req("hallId"),
    filmId: p.req("filmId"),
    showSeqNo: p.req("showSeqNo"),
    showDate: p.req("showDate"),
    showTime: p.req("showTime"),
  });
  if (!show?.show.onSale) throw new HfhError(HfhCode.showNotFound, "场次不存在");
  return show;
}

const qryCinema: HfhCall = {
  method: "qryCinema",
  cinema: "optional",
  handle(_p, env, cinema) {
    const cat = env.catalog();
    const list = cinema ? [cinema] : cat.cinemas;
    return dataOk({
      cinemas: {
        cinema: list.map((c) => ({
          "@id": c.nationalCode,
          "@name": c.name,
          "@linkId": c.internalCode,
          "@local": c.address,
          "@hallCount": String(c.halls.length),
          "@status": "1",
          hall: c.halls.map((h) => ({
            "@id": cat.hallNo(c, h),
            "@name": h.name,
            "@seatcount": String(h.seats.length),
            "@vipflag": h.areas.length > 0 ? "Y" : "N",
          })),
        })),
      },
    });
  },
};

const qrySeat: HfhCall = {
  method: "qrySeat",
  cinema: "required",
  handle(p, env, c) {
    const cinema = must(c);
    const hall = hallOf(env, cinema, p);
    const cat = env.catalog();
    return dataOk({
      seatPlan: {
        "@cinemaId": cinema.nationalCode,
        "@hallId": cat.hallNo(cinema, hall),
        "@seatUpdateTime": "2014-01-01 00:00:00",
        effective: {
          "@date": "2014-01-01",
          section: cat.sections(hall).map((sec) => ({
            "@id": sec.id,
            "@name": sec.name,
            seat: hall.seats
              .filter((s) => cat.sectionOf(hall, s) === sec.id)
              .map((s) => ({
                "@rowId": s.rowLabel,
                "@rowNum": String(s.y),
                "@columnId": s.colLabel,
                "@columnNum": String(s.x),
                "@typeInd": s.type === "wheelchair" ? "W" : s.type === "vip" ? "V" : "N",
                "@damagedFlg": s.broken ? "Y" : "N",
                // 0 = normal (§5.2); 1 / 2 = left / right of a pair is the simulator's choice.
                "@loveInd": s.type === "loveLeft" ? "1" : s.type === "loveRight" ? "2" : "0",
              })),
          })),
        },
      },
    });
  },
};

/** searchKey `C;BD;ED`, searchValue `{cinemaLinkId};{begin};{end}` (§5.2). */
const qrySearchShow: HfhCall = {
  method: "qrySearchShow",
  cinema: "required",
  handle(p, env, c) {
    const cinema = must(c);
    if (p.req("searchKey") !== "C;BD;ED") throw new HfhError(HfhCode.missingParam, "searchKey格式错误");
    const [link = "", begin = "", end = ""] = p.req("searchValue").split(";");
    const from = parseChinaDateTime(begin);
    const to = parseChinaDateTime(end);
    if (link !== cinema.internalCode || from === undefined || to === undefined) {
      throw new HfhError(HfhCode.missingParam, "searchValue格式错误");
    }
    const cat = env.catalog();
    const shows = cat
      .shows(cinema)
      .filter((s) => s.show.onSale && s.show.startsAt >= from && s.show.startsAt <= to)
      .filter((_s) => !env.faults.config.hideShowtimesFor.includes(cinema.internalCode));
    return dataOk({
      shows: {
        "@cinemaId": cinema.nationalCode,
        "@cinemaName": cinema.name,
        "@cinemaLinkId": cinema.internalCode,
        show: shows.map((s) => {
          const film = cat.film(s.filmId)!;
          return {
            "@hallId": s.hallNo,
            "@hallName": s.hall.name,
            "@seqNo": s.seqNo,
            "@showSeqNo": s.showSeqNo,
            "@date": s.showDate,
            "@time": s.showTime,
            "@updateLevel": "0",
            "@updateType": "0",
            film: {
              "@id": s.filmId,
              "@filmUId": film.id,
              "@name": film.title,
              "@language": s.show.language,
              "@duration": String(film.durationMinutes),
              "@imax": s.show.version.includes("IMAX") ? "Y" : "N",
              "@dimensional": s.show.version.includes("3D") ? "3D" : "2D",
              "@code": film.nationalCode,
            },
            price: {
              "@lowest": yuan(s.show.lowestFen),
              section: cat.sections(s.hall).map((sec) => ({
                "@id": sec.id,
                "@standard": yuan(
                  s.show.areaPrices.find((a) => a.areaId === sec.areaId)?.settleFen ?? s.show.settleFen,
                ),
                "@name": sec.name,
              })),
            },
            through: { "@flag": "N" },
          };
        }),
      },
    });
  },
};

/** The seats that cannot be had, of one section: held, sold, or damaged (§5.2). */
const qryTicket: HfhCall = {
  method: "qryTicket",
  cinema: "required",
  handle(p, env, c) {
    const cinema = must(c);
    const show = showOf(env, cinema, p);
    const sectionId = p.req("sectionId");
    const cat = env.catalog();
    env.book.sweep();
    const taken = show.hall.seats.filter(
      (s) =>
        cat.sectionOf(show.hall, s) === sectionId && (s.broken || env.book.holder(show.show.id, s.id) !== undefined),
    );
    return dataOk({
      showSeats: {
        section: { "@id": sectionId, seat: taken.map((s) => ({ "@rowId": s.rowLabel, "@columnId": s.colLabel })) },
      },
    });
  },
};

export const catalogueCalls: HfhCall[] = [qryCinema, qrySeat, qrySearchShow, qryTicket];
