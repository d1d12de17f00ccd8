import type { Cinema, Showtime } from "../core/dataset-types.js";
import { chinaParts, fenOf, seatNo, yuan } from "./catalog.js";
import { Code, MtxError } from "./codes.js";
import type { MtxEnv, Reply } from "./env.js";
import type { MtxSeat } from "./orders.js";
import { verifies } from "./signing.js";
import { readXmlParameter, resultXml } from "./soap.js";

type Params = Record<string, string>;

/**
 * One ticket-centre operation: its flat parameters in signing order (without pTokenID and
 * pVerifyInfo), whether it carries a token, and its handler. Ops taking `pXmlString` verify
 * inside the XML themselves (`signed: false`).
 */
export interface TicketOp {
  signed: readonly string[] | false;
  token: boolean;
  handle(p: Params, env: MtxEnv): Reply;
}

const ok = (root: string, fields: Record<string, unknown> = {}): Reply => ({
  xml: resultXml(root, { ResultCode: Code.ok, ...(fields as Record<string, never>) }),
});

/** Checks pAppCode and the verify value of a flat op. */
export function authenticateFlat(op: TicketOp, p: Params, env: MtxEnv): void {
  if (!op.signed) return;
  if (p.pAppCode !== env.appCode) throw new MtxError(Code.appUnknown, "应用编码不存在");
  const values = op.signed.map((k) => p[k] ?? "");
  if (op.token) values.push(p.pTokenID ?? "", env.tokens.tokenOf(p.pTokenID));
  if (!verifies(p.pVerifyInfo, values, env.key)) throw new MtxError(Code.badVerify, "验证信息错误");
}

function cinemaOf(env: MtxEnv, code: string | undefined): Cinema {
  const c = code ? env.catalog().cinemaByCode.get(code) : undefined;
  if (!c) throw new MtxError(Code.cinemaInfo, "影院信息错误");
  return c;
}

const stopSellingAt = (s: Showtime) => s.startsAt - s.stopSellingMinutes * 60_000;

/** SetClose: 0 not on sale, 1 on sale, 3 stopped (public-refs §9.3). */
function setClose(s: Showtime, now: number): string {
  if (!s.onSale) return "0";
  return now < stopSellingAt(s) ? "1" : "3";
}

function showOf(env: MtxEnv, cinema: Cinema, appNo: string | undefined): Showtime {
  const s = appNo ? env.catalog().showByAppNo.get(appNo) : undefined;
  if (!s || s.cinemaId !== cinema.id) throw new MtxError(Code.showClosed, "场次不存在或已关闭");
  return s;
}

function renderPlan(env: MtxEnv, cinema: Cinema, s: Showtime) {
  const cat = env.catalog();
  const where = cat.hallOf(s);
  const film = cat.filmById.get(s.filmId);
  const start = chinaParts(s.startsAt);
  const taken = where
    ? where.hall.seats.filter((x) => x.broken || env.orders.holder(s.id, seatNo(cat.hallNo(where.hall, cinema), x)))
        .length
    : 0;
  return {
    FeatureAppNo: cat.featureAppNo(s),
    FeatureNo: cat.featureNo(s),
    HallName: where?.hall.name ?? "",
    PlaceName: cinema.name,
    FeatureDate: start.date,
    FeatureTime: start.time,
    // TotalTime is the end clock time (public-refs §9.7), wrapping past midnight.
    TotalTime: chinaParts(s.endsAt).time,
    PlaceNo: cinema.internalCode,
    HallNo: where ? cat.hallNo(where.hall, cinema) : "",
    FilmNo: film?.nationalCode ?? "",
    FilmName: film?.title ?? "",
    AppPric: yuan(s.settleFen),
    StandPric: yuan(s.listFen),
    ProtectPrice: yuan(s.lowestFen),
    UseSign: "0",
    SetClose: setClose(s, env.now()),
    CopyType: s.version,
    CopyLanguage: s.language,
    AvailableSeats: String((where?.hall.seats.length ?? 0) - taken),
    HallSeats: String(where?.hall.seats.length ?? 0),
  };
}

function plans(env: MtxEnv, cinema: Cinema, date: string | undefined) {
  if (env.faults.config.hideShowtimesFor.includes(cinema.internalCode)) return [];
  const shows = env.catalog().showsByCinema.get(cinema.id) ?? [];
  return shows.filter((s) => !date || chinaParts(s.startsAt).date === date).map((s) => renderPlan(env, cinema, s));
}

/** SeatState per public-refs §9.5: -1 not saleable, 0 unsold, 1 sold, 7 locked. */
function seatState(env: MtxEnv, show: Showtime, no: string, broken: boolean | undefined): string {
  if (broken) return "-1";
  const o = env.orders.holder(show.id, no);
  if (!o) return "0";
  return o.status === "0" ? "7" : "1";
}

/** `pXmlString` of the two XML ops → its fields, or 100102. */
function xmlParam(p: Params): Record<string, unknown> {
  const x = readXmlParameter(p.pXmlString);
  if (!x) throw new MtxError(Code.xmlParse, "XML参数解析错误");
  return x;
}

const text = (x: Record<string, unknown>, k: string) => {
  const v = x[k];
  return v === undefined || v === null || typeof v === "object" ? "" : String(v);
};

function authenticateXml(x: Record<string, unknown>, values: string[], env: MtxEnv): void {
  if (text(x, "AppCode") !== env.appCode) throw new MtxError(Code.appUnknown, "应用编码不存在");
  const tokenId = text(x, "TokenID");
  const token = env.tokens.tokenOf(tokenId);
  if (!verifies(text(x, "VerifyInfo"), [...values, tokenId, token], env.key)) {
    throw new MtxError(Code.badVerify, "验证信息错误");
  }
}

export const ticketOps: Record<string, TicketOp> = {
  GetToken: {
    signed: ["pAppCode"],
    token: false,
    handle: (_p, env) => {
      const t = env.tokens.issue();
      return { xml: resultXml("TokenResult", { ResultCode: Code.ok, TokenID: t.id, Token: t.token, TimeOut: "300" }) };
    },
  },
  GetCinema: {
    signed: ["pAppCode"],
    token: true,
    handle: (_p, env) =>
      ok("GetCinemaResult", {
        Cinemas: {
          Cinema: env.catalog().cinemas.map((c) => ({
            PlaceNo: c.internalCode,
            PlaceName: c.name,
            CityNo: c.cityCode,
            CreateDate: "2015-01-01",
            State: "1",
          })),
        },
      }),
  },
  GetCinemaPlan: {
    signed: ["pAppCode", "pCinemaID", "pPlanDate"],
    token: true,
    handle: (p, env) => {
      const cinema = cinemaOf(env, p.pCinemaID);
      return ok("GetCinemaPlanResult", { CinemaPlans: { CinemaPlan: plans(env, cinema, p.pPlanDate || undefined) } });
    },
  },
  GetCinemaAllPlan: {
    signed: ["pAppCode", "pCinemaID"],
    token: true,
    handle: (p, env) =>
      ok("GetCinemaPlanResult", { CinemaPlans: { CinemaPlan: plans(env, cinemaOf(env, p.pCinemaID), undefined) } }),
  },
  GetHall: {
    signed: ["pAppCode", "pCinemaID"],
    token: true,
    handle: (p, env) => {
      const cinema = cinemaOf(env, p.pCinemaID);
      const cat = env.catalog();
      return ok("GetHallResult", {
        Halls: {
          Hall: cinema.halls.map((h) => ({ HallNo: cat.hallNo(h, cinema), HallName: h.name, HallType: h.type })),
        },
      });
    },
  },
  GetHallAllSeat: {
    signed: ["pAppCode", "pCinemaID", "pHallID"],
    token: false,
    handle: (p, env) => {
      const cinema = cinemaOf(env, p.pCinemaID);
      const hall = env.catalog().hallByNo(cinema, p.pHallID ?? "");
      if (!hall) throw new MtxError(Code.cinemaInfo, "影厅不存在");
      const no = env.catalog().hallNo(hall, cinema);
      return {
        json: {
          resultCode: Code.ok,
          hallSeats: hall.seats.map((s) => ({
            seatNo: seatNo(no, s),
            seatRow: s.rowLabel,
            seatCol: s.colLabel,
            graphRow: s.y,
            graphCol: s.x,
            // Love seats (public-refs §9.3): left half 0/1, right half 1/0.
            leftCount: s.type === "loveRight" ? 1 : 0,
            rightCount: s.type === "loveLeft" ? 1 : 0,
            seatPieceNo: s.areaId ?? "",
            seatPieceName: hall.areas.find((a) => a.id === s.areaId)?.name ?? "",
          })),
        },
      };
    },
  },
  GetPlanSiteState: {
    signed: ["pAppCode", "pCinemaID", "pFeatureAppNo"],
    token: true,
    handle: (p, env) => {
      const cinema = cinemaOf(env, p.pCinemaID);
      const show = showOf(env, cinema, p.pFeatureAppNo);
      const where = env.catalog().hallOf(show);
      if (!where) throw new MtxError(Code.cinemaInfo, "影厅不存在");
      const no = env.catalog().hallNo(where.hall, cinema);
      return ok("GetPlanSiteStateResult", {
        PlanSiteStates: {
          PlanSiteState: where.hall.seats.map((s) => ({
            SeatNo: seatNo(no, s),
            SeatState: seatState(env, show, seatNo(no, s), s.broken),
            SeatPieceNo: s.areaId ?? "",
            GraphRow: String(s.y),
            GraphCol: String(s.x),
            SeatRow: s.rowLabel,
            SeatCol: s.colLabel,
            SeatPieceName: where.hall.areas.find((a) => a.id === s.areaId)?.name ?? "",
          })),
        },
      });
    },
  },
  LiveRealCheckSeatState: {
    signed: false,
    token: false,
    handle: (p, env) => {
      const x = xmlParam(p);
      const infos = (x.SeatInfos as Record<string, unknown> | undefined)?.SeatInfo;
      const list = (Array.isArray(infos) ? infos : infos ? [infos] : []) as Record<string, unknown>[];
      authenticateXml(
        x,
        ["AppCode", "CinemaId", "FeatureAppNo", "SerialNum"]
          .map((k) => text(x, k))
          .concat([String(list.length), text(x, "PayType"), text(x, "RecvMobilePhone")]),
        env,
      );
      if (list.length === 0) throw new MtxError(Code.badSeatInfos, "SeatInfos格式错误");
      if (!text(x, "RecvMobilePhone")) throw new MtxError("101155", "RecvMobilePhone格式错误");
      const serial = text(x, "SerialNum");
      if (!serial) throw new MtxError("101151", "SerialNum格式错误");
      const cinema = cinemaOf(env, text(x, "CinemaId"));
      const show = showOf(env, cinema, text(x, "FeatureAppNo"));
      if (setClose(show, env.now()) !== "1") throw new MtxError(Code.showStopped, "场次已关闭或已停售");
      const where = env.catalog().hallOf(show)!;
      const no = env.catalog().hallNo(where.hall, cinema);
      const seats: MtxSeat[] = list.map((info) => {
        const want = text(info, "SeatNo");
        const seat = where.hall.seats.find((s) => seatNo(no, s) === want);
        if (!seat) throw new MtxError(Code.seatParam, `座位参数错误:${want}`);
        if (seat.broken) throw new MtxError(Code.seatSold, `座位${want}不可售`);
        const price = fenOf(text(info, "TicketPrice"));
        const fee = fenOf(text(info, "Handlingfee") || "0");
        if (price === undefined || fee === undefined || price < show.lowestFen) {
          throw new MtxError(Code.badTicketPrice, "TicketPrice格式错误或低于最低价");
        }
        return {
          seatNo: want,
          priceFen: price,
          feeFen: fee,
          seatRow: seat.rowLabel,
          seatCol: seat.colLabel,
          pieceNo: seat.areaId ?? "",
        };
      });
      const order = env.orders.lock(serial, cinema.internalCode, show, seats, text(x, "PayType"));
      return ok("RealCheckSeatStateResult", {
        OrderNo: order.orderNo,
        SeatInfos: {
          SeatInfo: seats.map((s) => ({
            SeatNo: s.seatNo,
            TicketPrice: yuan(s.priceFen),
            SeatRow: s.seatRow,
            SeatCol: s.seatCol,
            SeatPieceNo: s.pieceNo,
          })),
        },
      });
    },
  },
  UnLockOrderCenCin: {
    signed: ["pAppCode", "pCinemaID", "pOrderNO"],
    token: true,
    handle: (p, env) => {
      cinemaOf(env, p.pCinemaID);
      env.orders.release(p.pOrderNO ?? "");
      return ok("UnLockOrderCenCinResult");
    },
  },
  SellTicket: {
    signed: false,
    token: false,
    handle: (p, env) => {
      const x = xmlParam(p);
      const order = [
        "AppCode",
        "CinemaId",
        "FeatureAppNo",
        "SerialNum",
        "Printpassword",
        "Balance",
        "PayType",
        "RecvMobilePhone",
        "SendType",
        "PayResult",
        "IsCmtsPay",
        "IsCmtsSendCode",
        "PayMobile",
        "BookSign",
        "Payed",
        "SendModeID",
        "PaySeqNo",
      ];
      authenticateXml(
        x,
        order.map((k) => text(x, k)),
        env,
      );
      cinemaOf(env, text(x, "CinemaId"));
      const payed = fenOf(text(x, "Payed"));
      const balance = fenOf(text(x, "Balance") || "0");
      if (payed === undefined || balance === undefined) throw new MtxError(Code.sellParam, "Payed/Balance格式错误");
      if (text(x, "PayResult") !== "0") throw new MtxError(Code.sellParam, "支付结果为失败，不能售票");
      const o = env.orders.sell(text(x, "SerialNum"), payed + balance);
      return ok("SellTicketResult", { OrderNo: o.orderNo, ValidCode: o.validCode });
    },
  },
  GetOrderStatus: {
    signed: ["pAppCode", "pCinemaID", "pSerialNum"],
    token: true,
    handle: (p, env) => orderStatus(p, env),
  },
  GetOrderState: {
    signed: ["pAppCode", "pCinemaID", "pSerialNum"],
    token: false,
    handle: (p, env) => orderStatus(p, env),
  },
  AppPrintTicket: {
    signed: ["pAppCode", "pCinemaID", "pOrderNO", "pValidCode", "pRequestType"],
    token: true,
    handle: (p, env) => {
      const cinema = cinemaOf(env, p.pCinemaID);
      const o = env.orders.print(p.pOrderNO ?? "", p.pValidCode ?? "", p.pRequestType === "1");
      const start = chinaParts(o.show.startsAt);
      const film = env.catalog().filmById.get(o.show.filmId);
      return ok("AppPrintTicketResult", {
        ResultDesc: "成功",
        OrderNo: o.orderNo,
        OrderStatus: o.status,
        FeatureDate: start.date,
        FeatureTime: start.time,
        FilmName: film?.title ?? "",
        PrintType: o.printType,
        PlaceNo: cinema.internalCode,
        PlaceName: cinema.name,
        SeatInfos: {
          SeatInfo: o.seats.map((s, i) => ({
            SeatRow: s.seatRow,
            SeatCol: s.seatCol,
            SeatPieceName: "",
            TicketNo: `${o.orderNo}${i + 1}`,
          })),
        },
      });
    },
  },
  BackTicket: {
    // pDesc is sent but not signed (public-refs §9.3).
    signed: ["pAppCode", "pCinemaID", "pOrderNO"],
    token: true,
    handle: (p, env) => {
      const cinema = cinemaOf(env, p.pCinemaID);
      env.orders.refund(p.pOrderNO ?? "", cinema.refundBeforeMinutes);
      return ok("BackTicketResult");
    },
  },
};

function orderStatus(p: Params, env: MtxEnv): Reply {
  cinemaOf(env, p.pCinemaID);
  const o = env.orders.bySerialNum(p.pSerialNum ?? "");
  // A released or lapsed lock is no order any more.
  if (!o || o.ended) throw new MtxError(Code.noOrder, "无订单信息");
  return ok("GetOrderStatusResult", { OrderNo: o.orderNo, ValidCode: o.validCode, OrderStatus: o.status });
}
