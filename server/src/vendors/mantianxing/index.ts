import type { Static } from "@sinclair/typebox";
import type { VendorFilm, VendorShowtime } from "../../domain/catalog.js";
import { fail, ok, type Result } from "../../domain/errors.js";
import { fenToYuan } from "../../domain/money.js";
import { addDays, businessDayOf } from "../../domain/time.js";
import type { CinemaRef, LockResult, OrderRef, VendorOrderState } from "../../domain/trade.js";
import { accountTransport } from "../account-transport.js";
import type { CinemaConnector, ShowtimeQuery } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import type { MemberCardsConnector } from "../member-cards.js";
import { VendorTransport } from "../transport.js";
import { type MantianxingAnswer, MantianxingClient, type Token } from "./client.js";
import { type MantianxingCredentials, mantianxingCapabilities } from "./descriptor.js";
import { toLayout, toOrderState, toPickup, toSeatStatus, toShowtime } from "./mapping.js";
import { memberCardsOf } from "./member-cards.js";
import { MantianxingMembers } from "./members.js";
import { mantianxingRecovery } from "./recovery.js";
import { rows, str, xmlDocument, xmlElement } from "./soap.js";

export { mantianxingRecovery } from "./recovery.js";

export type MantianxingOptions = ConnectorOptions<Static<typeof MantianxingCredentials>>;

export interface MantianxingConnector extends CinemaConnector<"mantianxing"> {
  /** The shared member-card contract (vendor query page) over the member centre. */
  readonly members: MemberCardsConnector;
  /** The member centre's own calls (cmtspay): card login, query, grades, card price, card pay, recharge. */
  readonly cmts: MantianxingMembers;
  refund(order: OrderRef, reason: string): Promise<Result<VendorOrderState>>;
  printStatus(order: OrderRef): Promise<Result<{ printed: boolean }>>;
  close(): Promise<void>;
}

/** PayType 0 "other" (public-refs §9.5): production accounts are given their own code by the vendor. */
const DEFAULT_PAY_TYPE = "0";

/** Our SerialNum for an order: derived from the order id, so a resent lock is the same lock. */
export const serialOf = (orderId: string) => orderId.replace(/[^A-Za-z0-9]/g, "").slice(-32);

const seatIdsOf = (d: Record<string, unknown> | undefined): string[] =>
  Array.isArray(d?.seatIds) ? d.seatIds.filter((s): s is string => typeof s === "string") : [];

/**
 * 满天星 CMTS ticket centre (Axis2 SOAP, public-refs §9). What the refs do not say is decided
 * conservatively and written down in docs/vendors/mantianxing.md.
 */
export function createMantianxingConnector(opts: MantianxingOptions): MantianxingConnector {
  const creds = opts.credentials;
  const transport = accountTransport("mantianxing", opts, [creds.key, ...(creds.partnerKey ? [creds.partnerKey] : [])]);
  const memberTransport =
    creds.memberBaseUrl && creds.memberBaseUrl !== opts.baseUrl
      ? new VendorTransport({
          vendor: "mantianxing",
          accountId: opts.accountId,
          baseUrl: creds.memberBaseUrl,
          clock: opts.clock,
          recorder: opts.recorder,
          secrets: creds.partnerKey ? [creds.partnerKey] : [],
          ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        })
      : transport;
  const client = new MantianxingClient(transport, opts.clock, creds.appCode, creds.key);
  const payType = creds.payType ?? DEFAULT_PAY_TYPE;
  const cmts = new MantianxingMembers(memberTransport, creds);

  /** A flat token op: values signed in order, then pTokenID and pVerifyInfo. */
  const tokenOp = (
    op: string,
    params: Array<[string, string]>,
    sideEffect = false,
    unsigned: Array<[string, string]> = [],
  ) =>
    client.call({
      op,
      token: true,
      sideEffect,
      build: (t?: Token) => [
        ...params,
        ...unsigned,
        ["pTokenID", t?.id ?? ""],
        [
          "pVerifyInfo",
          client.sign(
            params.map(([, v]) => v),
            t,
          ),
        ],
      ],
    });

  const plansOf = async (cinemaId: string, date: string): Promise<Result<VendorShowtime[]>> => {
    const res = await tokenOp("GetCinemaPlan", [
      ["pAppCode", creds.appCode],
      ["pCinemaID", cinemaId],
      ["pPlanDate", date],
    ]);
    if (!res.ok) return res;
    return ok(
      rows(res.value.body, "CinemaPlans", "CinemaPlan")
        .map(toShowtime)
        .filter((s): s is VendorShowtime => !!s),
    );
  };

  const orderStatus = (cinemaId: string, serial: string) =>
    tokenOp("GetOrderStatus", [
      ["pAppCode", creds.appCode],
      ["pCinemaID", cinemaId],
      ["pSerialNum", serial],
    ]);

  async function queryBySerial(cinemaId: string, serial: string, seatIds: string[]): Promise<Result<VendorOrderState>> {
    const res = await orderStatus(cinemaId, serial);
    if (!res.ok) return res.error.code === "not_found" ? ok({ state: "not_found" }) : res;
    return ok(toOrderState(res.value.body, seatIds));
  }

  const lockResultFrom = (orderNo: string, serial: string, seatIds: string[]): LockResult => ({
    vendorLockId: orderNo,
    lockedUntil: opts.clock.now() + mantianxingCapabilities.lockTtlMs,
    vendorData: { serialNum: serial, seatIds, orderNo },
  });

  const connector: MantianxingConnector = {
    vendor: "mantianxing",
    capabilities: mantianxingCapabilities,
    recovery: mantianxingRecovery,
    cmts,
    members: memberCardsOf(cmts, async (cinema, featureAppNo) => {
      // The member centre wants FeatureNo (public-refs §9.7): read it from the cinema's plans.
      const res = await tokenOp("GetCinemaAllPlan", [
        ["pAppCode", creds.appCode],
        ["pCinemaID", cinema.vendorCinemaId],
      ]);
      if (!res.ok) return res;
      const show = rows(res.value.body, "CinemaPlans", "CinemaPlan")
        .map(toShowtime)
        .find((s) => s?.vendorShowtimeId === featureAppNo);
      if (!show) return fail("not_found", `满天星 has no plan ${featureAppNo} at ${cinema.vendorCinemaId}`);
      const d = show.vendorData ?? {};
      return ok({
        featureNo: String(d.featureNo ?? ""),
        featureDate: String(d.featureDate ?? ""),
        featureTime: String(d.featureTime ?? ""),
        listFen: show.price.listFen ?? show.price.settleFen ?? 0,
      });
    }),

    /** GetToken is the cheapest signed call: a wrong key answers 100101 with the vendor's text. */
    async ping() {
      const res = await client.call({
        op: "GetToken",
        token: false,
        build: () => [
          ["pAppCode", creds.appCode],
          ["pVerifyInfo", client.sign([creds.appCode])],
        ],
      });
      return res.ok ? ok({}) : res;
    },

    /** GetCinema for the name (the list may miss B/C-centre cinemas: doc 000 §三.1), GetHall for halls. */
    async getCinema(cinema) {
      const halls = await tokenOp("GetHall", [
        ["pAppCode", creds.appCode],
        ["pCinemaID", cinema.vendorCinemaId],
      ]);
      if (!halls.ok) return halls;
      const list = await tokenOp("GetCinema", [["pAppCode", creds.appCode]]);
      const row = list.ok
        ? rows(list.value.body, "Cinemas", "Cinema").find((c) => str(c, "PlaceNo") === cinema.vendorCinemaId)
        : undefined;
      return ok({
        vendorCinemaId: cinema.vendorCinemaId,
        name: str(row, "PlaceName") ?? cinema.vendorCinemaId,
        // doc 000 §三.1: the internal code is the national code.
        nationalCode: /^\d{8}$/.test(cinema.vendorCinemaId) ? cinema.vendorCinemaId : cinema.nationalCode,
        cityCode: str(row, "CityNo"),
        halls: rows(halls.value.body, "Halls", "Hall").map((h) => ({
          vendorHallId: str(h, "HallNo") ?? "",
          name: str(h, "HallName") ?? "",
          type: str(h, "HallType"),
        })),
      });
    },

    /** The films of the cinema's plans for today and the next two days (FilmNo is the national code). */
    async listFilms(cinema) {
      const today = businessDayOf(opts.clock.now());
      const films = new Map<string, VendorFilm>();
      for (const date of [today, addDays(today, 1), addDays(today, 2)]) {
        const res = await plansOf(cinema.vendorCinemaId, date);
        if (!res.ok) return res;
        for (const s of res.value) {
          if (!films.has(s.vendorFilmId)) {
            films.set(s.vendorFilmId, {
              vendorFilmId: s.vendorFilmId,
              nationalCode: s.filmNationalCode,
              title: s.filmTitle ?? s.vendorFilmId,
            });
          }
        }
      }
      return ok([...films.values()]);
    },

    /**
     * GetCinemaPlan per calendar date: a business day's shows after midnight carry the next date,
     * so the day after the range is asked too and every show is kept by its business day.
     */
    async listShowtimes(query: ShowtimeQuery) {
      const out: VendorShowtime[] = [];
      for (let date = query.fromDate; date <= addDays(query.toDate, 1); date = addDays(date, 1)) {
        const res = await plansOf(query.cinema.vendorCinemaId, date);
        if (!res.ok) return res;
        out.push(...res.value);
      }
      const seen = new Set<string>();
      return ok(
        out.filter((s) => {
          const day = businessDayOf(s.startsAt);
          if (seen.has(s.vendorShowtimeId) || day < query.fromDate || day > query.toDate) return false;
          seen.add(s.vendorShowtimeId);
          return true;
        }),
      );
    },

    async getSeatLayout(cinema, vendorHallId, showtime) {
      const values: Array<[string, string]> = [
        ["pAppCode", creds.appCode],
        ["pCinemaID", cinema.vendorCinemaId],
        ["pHallID", vendorHallId],
      ];
      const res = await client.call({
        op: "GetHallAllSeat",
        token: false,
        build: () => [...values, ["pVerifyInfo", client.sign(values.map(([, v]) => v))]],
      });
      if (!res.ok) return res;
      const seats = res.value.body.hallSeats;
      if (!Array.isArray(seats)) return fail("vendor_unavailable", "GetHallAllSeat answered no hallSeats", "no_seats");
      const blocked = new Set<string>();
      if (showtime) {
        const states = await siteStates(cinema, showtime.vendorShowtimeId);
        if (!states.ok) return states;
        for (const w of rows(states.value.body, "PlanSiteStates", "PlanSiteState")) {
          if (str(w, "SeatState") === "-1") blocked.add(str(w, "SeatNo") ?? "");
        }
      }
      return ok(toLayout(vendorHallId, seats as Record<string, unknown>[], blocked));
    },

    async getSeatStatus(cinema, showtime) {
      const res = await siteStates(cinema, showtime.vendorShowtimeId);
      return res.ok ? ok(toSeatStatus(rows(res.value.body, "PlanSiteStates", "PlanSiteState"))) : res;
    },

    /**
     * LiveRealCheckSeatState. SerialNum comes from our order id: a lock resent after a lost answer
     * meets 101106 (serial exists) and is then read back with GetOrderStatus, never taken twice.
     */
    async lock(req) {
      const max = mantianxingCapabilities.maxSeatsPerOrder;
      if (req.seats.length === 0 || req.seats.length > max) {
        return fail("invalid_request", `满天星 locks 1 to ${max} seats per order here, not ${req.seats.length}`);
      }
      if (!req.mobile) return fail("invalid_request", "满天星 LiveRealCheckSeatState needs RecvMobilePhone");
      const serial = serialOf(req.orderId);
      const seatIds = req.seats.map((s) => s.vendorSeatId);
      const cinemaId = req.cinema.vendorCinemaId;
      const res = await client.call({
        op: "LiveRealCheckSeatState",
        token: true,
        sideEffect: true,
        mask: [req.mobile],
        build: (t?: Token) => {
          const head: Array<[string, string]> = [
            ["AppCode", creds.appCode],
            ["CinemaId", cinemaId],
            ["FeatureAppNo", req.showtime.vendorShowtimeId],
            ["SerialNum", serial],
          ];
          const tail: Array<[string, string]> = [
            ["PayType", payType],
            ["RecvMobilePhone", req.mobile],
          ];
          const verify = client.sign(
            [...head, ["n", String(req.seats.length)] as [string, string], ...tail].map(([, v]) => v),
            t,
          );
          const seatRows = req.seats.map((s) => [
            xmlElement("SeatNo", s.vendorSeatId),
            xmlElement("TicketPrice", fenToYuan(s.settleFen)),
            xmlElement("Handlingfee", fenToYuan(s.serviceFeeFen)),
          ]);
          const xml = xmlDocument("RealCheckSeatStateParameter", [
            ...head,
            ["SeatInfos", [[`${seatRows.map((r) => `<SeatInfo>${r.join("")}</SeatInfo>`).join("")}`]]],
            ...tail,
            ["TokenID", t?.id ?? ""],
            ["VerifyInfo", verify],
          ]);
          return [["pXmlString", xml]];
        },
      });
      if (!res.ok) {
        if (res.error.vendorCode === "101106") {
          // Our own earlier lock (a lost answer): adopt it if the vendor still holds it unsold.
          const known = await orderStatus(cinemaId, serial);
          if (known.ok && str(known.value.body, "OrderStatus") === "0" && str(known.value.body, "OrderNo")) {
            return ok(lockResultFrom(str(known.value.body, "OrderNo")!, serial, seatIds));
          }
        }
        return res;
      }
      const orderNo = str(res.value.body, "OrderNo");
      if (!orderNo)
        return fail("outcome_unknown", "LiveRealCheckSeatState succeeded without an OrderNo", "no_order_no");
      return ok(lockResultFrom(orderNo, serial, seatIds));
    },

    async release(order) {
      const res = await tokenOp(
        "UnLockOrderCenCin",
        [
          ["pAppCode", creds.appCode],
          ["pCinemaID", order.cinema.vendorCinemaId],
          ["pOrderNO", order.vendorLockId],
        ],
        true,
      );
      // A lock the vendor no longer knows (lapsed) is released.
      if (!res.ok && res.error.code === "not_found") return ok(undefined);
      return res.ok ? ok(undefined) : res;
    },

    /**
     * SellTicket, then GetOrderStatus. Whatever SellTicket answers, the order's state is asked
     * before anything is concluded (query first); a lost answer is outcome_unknown for the
     * recovery policy, which only queries.
     */
    async confirm(req) {
      const serial = String(req.lockVendorData?.serialNum ?? serialOf(req.orderId));
      const seatIds = seatIdsOf(req.lockVendorData).length
        ? seatIdsOf(req.lockVendorData)
        : req.seats.map((s) => s.vendorSeatId);
      const cinemaId = req.cinema.vendorCinemaId;
      const sold = await client.call({
        op: "SellTicket",
        token: true,
        sideEffect: true,
        mask: [req.mobile],
        build: (t?: Token) => {
          const fields: Array<[string, string]> = [
            ["AppCode", creds.appCode],
            ["CinemaId", cinemaId],
            ["FeatureAppNo", req.showtime.vendorShowtimeId],
            ["SerialNum", serial],
            ["Printpassword", ""],
            // The partner collected the money: nothing left to pay at the vendor.
            ["Balance", "0"],
            ["PayType", payType],
            ["RecvMobilePhone", req.mobile],
            ["SendType", "100"],
            ["PayResult", "0"],
            ["IsCmtsPay", "false"],
            ["IsCmtsSendCode", "false"],
            ["PayMobile", ""],
            ["BookSign", "0"],
            ["Payed", fenToYuan(req.totalFen)],
            ["SendModeID", ""],
            ["PaySeqNo", ""],
          ];
          const verify = client.sign(
            fields.map(([, v]) => v),
            t,
          );
          return [
            [
              "pXmlString",
              xmlDocument("SellTicketParameter", [...fields, ["TokenID", t?.id ?? ""], ["VerifyInfo", verify]]),
            ],
          ];
        },
      });
      if (!sold.ok && sold.error.code === "outcome_unknown") return sold;
      const after = await queryBySerial(cinemaId, serial, seatIds);
      if (sold.ok) {
        if (after.ok && after.value.state !== "not_found" && after.value.state !== "not_submitted") return after;
        const orderNo = str(sold.value.body, "OrderNo") ?? req.vendorLockId;
        const validCode = str(sold.value.body, "ValidCode");
        return ok(
          validCode
            ? {
                state: "issued",
                vendorOrderId: orderNo,
                tickets: seatIds.map((vendorSeatId) => ({ vendorSeatId })),
                pickup: toPickup(orderNo, validCode),
              }
            : { state: "pending", vendorOrderId: orderNo },
        );
      }
      // SellTicket refused: the order's own state decides (it may have been sold all the same).
      if (after.ok && ["issued", "pending", "refunded"].includes(after.value.state)) return after;
      return sold;
    },

    queryOrder(order: OrderRef) {
      const serial = String(order.lockVendorData?.serialNum ?? serialOf(order.orderId));
      return queryBySerial(order.cinema.vendorCinemaId, serial, seatIdsOf(order.lockVendorData));
    },

    /** OrderStatus 8 is "printed" (public-refs §9.5); 9 is sold and not printed. */
    async printStatus(order) {
      const q = await connector.queryOrder(order);
      if (!q.ok) return q;
      if (q.value.state !== "issued") return fail("order_state", `满天星 order is ${q.value.state}, not issued`);
      return ok({ printed: q.value.printed === true });
    },

    /** BackTicket: pDesc travels after pOrderNO but is not signed (public-refs §9.3 4.19). */
    async refund(order, reason) {
      const orderNo = order.vendorOrderId ?? order.vendorLockId;
      const res = await tokenOp(
        "BackTicket",
        [
          ["pAppCode", creds.appCode],
          ["pCinemaID", order.cinema.vendorCinemaId],
          ["pOrderNO", orderNo],
        ],
        true,
        [["pDesc", reason.slice(0, 100)]],
      );
      return res.ok ? ok({ state: "refunded", vendorOrderId: orderNo }) : res;
    },

    close: async () => {
      await transport.close();
      if (memberTransport !== transport) await memberTransport.close();
    },
  };

  function siteStates(cinema: CinemaRef, featureAppNo: string): Promise<Result<MantianxingAnswer>> {
    return tokenOp("GetPlanSiteState", [
      ["pAppCode", creds.appCode],
      ["pCinemaID", cinema.vendorCinemaId],
      ["pFeatureAppNo", featureAppNo],
    ]);
  }

  return connector;
}
