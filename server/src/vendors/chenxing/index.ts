import type { Static } from "@sinclair/typebox";
import { fail, ok, type Result } from "../../domain/errors.js";
import { fenToYuan } from "../../domain/money.js";
import { addDays, businessDayOf, parseChinaLocal } from "../../domain/time.js";
import type { CinemaRef, OrderRef } from "../../domain/trade.js";
import { accountTransport } from "../account-transport.js";
import type { CinemaConnector } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import { inQueryRange } from "../showtime-range.js";
import { child, list, str, type Wire } from "../wire/read.js";
import { ChenxingClient } from "./client.js";
import { ORDER_STATUS, REFUND_REFUSED } from "./codes.js";
import { type ChenxingCredentials, chenxingCapabilities } from "./descriptor.js";
import { toCinema, toFilm, toHall, toLayout, toOrderState, toSeatStatus, toShowtime } from "./mapping.js";
import { type ChenxingMembers, chenxingMembers } from "./members.js";
import { chenxingRecovery } from "./recovery.js";

export { chenxingRecovery } from "./recovery.js";

/** `baseUrl`: `http://host:port` or the full service address ending in `/tsp-ws/services/tsp/cinema`. */
export type ChenxingOptions = ConnectorOptions<Static<typeof ChenxingCredentials>>;

/** What lock hands to confirm, release and query (the lock's own codes, nothing personal). */
interface LockData {
  orderCode: string;
  featureAppNo: string;
  seatCodes: string[];
  cinemaAllowance: string;
  marketingCode: string;
}

/** How far ahead listFilms looks: films are listed per plan date range (QueryFilmInfoByDatePeriod). */
const FILM_DAYS = 7;

const lockDataOf = (data: Record<string, unknown> | undefined, fallbackOrderCode: string): LockData => ({
  orderCode: typeof data?.orderCode === "string" ? data.orderCode : fallbackOrderCode,
  featureAppNo: typeof data?.featureAppNo === "string" ? data.featureAppNo : "",
  seatCodes: Array.isArray(data?.seatCodes) ? data.seatCodes.filter((s): s is string => typeof s === "string") : [],
  cinemaAllowance: typeof data?.cinemaAllowance === "string" ? data.cinemaAllowance : "0.00",
  marketingCode: typeof data?.marketingCode === "string" ? data.marketingCode : "",
});

export interface ChenxingConnector extends CinemaConnector<"chenxing"> {
  /** QueryDeliveryStatus: whether the tickets (PrintStatus) and goods (DeliveryStatus) were picked up. */
  deliveryStatus(
    cinema: CinemaRef,
    printNo: string,
    verifyCode: string,
  ): Promise<Result<{ printed: boolean; delivered: boolean; printedAt?: number }>>;
  /** Member-card calls (typed by members.ts; not the shared MemberCardsConnector). */
  readonly cards: ChenxingMembers;
  close(): Promise<void>;
}

/**
 * 辰星 Oristar TSP over SOAP, from public references only (public-refs §3; no vendor document is
 * held — what is inferred and what is unknown is in docs/vendors/chenxing.md).
 */
export function createChenxingConnector(opts: ChenxingOptions): ChenxingConnector {
  const transport = accountTransport("chenxing", opts, [opts.credentials.verifyKey]);
  const client = new ChenxingClient(transport, opts.baseUrl, opts.credentials.appCode, opts.credentials.verifyKey);
  const cinemaCode = (c: CinemaRef) => c.vendorCinemaId;

  async function queryOrderStatus(cinema: CinemaRef, orderCode: string): Promise<Result<Wire>> {
    const res = await client.flat("QueryOrderStatus", [
      ["pCinemaCode", cinemaCode(cinema)],
      ["pOrderCode", orderCode],
    ]);
    return res.ok ? ok(res.value.result) : res;
  }

  /** PrintNo and VerifyCode of an issued order, asked from the vendor (we keep no copy to send). */
  async function pickupCodes(
    order: OrderRef,
  ): Promise<Result<{ printNo: string; verifyCode: string; status?: string }>> {
    const q = await queryOrderStatus(order.cinema, order.vendorOrderId ?? order.vendorLockId);
    if (!q.ok) return q;
    const printNo = str(q.value, "PrintNo");
    const verifyCode = str(q.value, "VerifyCode");
    if (!printNo || !verifyCode)
      return fail("order_state", "辰星 shows no PrintNo / VerifyCode for this order: not issued", "no_print_no");
    return ok({ printNo, verifyCode, status: str(q.value, "OrderStatus") });
  }

  const connector: ChenxingConnector = {
    vendor: "chenxing",
    capabilities: chenxingCapabilities,
    recovery: chenxingRecovery,

    async ping() {
      const res = await client.flat("QueryCinemaList", []);
      return res.ok ? ok({ cinemaCount: list(res.value.result, "Cinemas", "Cinema").length }) : res;
    },

    async listCinemas() {
      const res = await client.flat("QueryCinemaList", []);
      return res.ok ? ok(list(res.value.result, "Cinemas", "Cinema").map(toCinema)) : res;
    },

    async getCinema(cinema) {
      const res = await client.flat("QueryCinemaInfo", [["pCinemaCode", cinemaCode(cinema)]]);
      if (!res.ok) return res;
      const w = child(res.value.result, "Cinema");
      if (!w) return fail("not_found", `辰星 has no cinema ${cinemaCode(cinema)}`, "no_cinema");
      return ok({ ...toCinema(w), halls: list(w, "Screens", "ScreenVO").map(toHall) });
    },

    async listFilms(cinema) {
      const today = businessDayOf(opts.clock.now());
      const res = await client.flat("QueryFilmInfoByDatePeriod", [
        ["pCinemaCode", cinemaCode(cinema)],
        ["pPlanStartDate", today],
        ["pPlanEndDate", addDays(today, FILM_DAYS)],
      ]);
      return res.ok ? ok(list(res.value.result, "FilmInfoVOs", "FilmInfoVO").map(toFilm)) : res;
    },

    /**
     * pPlanDate is a natural (calendar) day, our days are business days (06:00–05:59): ask one
     * natural day more and keep the showtimes of the business days asked.
     */
    async listShowtimes(query) {
      const res = await client.flat("QueryPlanInfoByDatePeriod", [
        ["pCinemaCode", cinemaCode(query.cinema)],
        ["pPlanStartDate", query.fromDate],
        ["pPlanEndDate", addDays(query.toDate, 1)],
      ]);
      if (!res.ok) return res;
      const now = opts.clock.now();
      return ok(
        inQueryRange(
          list(res.value.result, "CinemaPlans", "CinemaPlan").map((w) => toShowtime(w, now)),
          query,
        ),
      );
    },

    async getSeatLayout(cinema, vendorHallId) {
      const res = await client.flat("QuerySeatInfo", [
        ["pCinemaCode", cinemaCode(cinema)],
        ["pScreenCode", vendorHallId],
      ]);
      return res.ok ? ok(toLayout(vendorHallId, list(res.value.result, "ScreenSites", "ScreenSite"))) : res;
    },

    async getSeatStatus(cinema, showtime) {
      const res = await client.flat("QueryPlanSeat", [
        ["pCinemaCode", cinemaCode(cinema)],
        ["pFeatureAppNo", showtime.vendorShowtimeId],
        ["pStatus", "All"],
      ]);
      return res.ok ? ok(toSeatStatus(list(res.value.result, "PlanSiteStates", "PlanSiteState"))) : res;
    },

    async lock(req) {
      const max = chenxingCapabilities.maxSeatsPerOrder;
      if (req.seats.length === 0 || req.seats.length > max) {
        return fail("invalid_request", `辰星 orders take 1 to ${max} seats, not ${req.seats.length}`);
      }
      const now = opts.clock.now();
      if (now >= req.showtime.stopSellingAt) return fail("showtime_closed", "the showtime has stopped selling");
      const seatCodes = req.seats.map((s) => s.vendorSeatId);
      const featureAppNo = req.showtime.vendorShowtimeId;
      const res = await client.xml(
        {
          op: "LockSeat",
          param: "lockSeatXml",
          root: "LockSeatParameter",
          body: {
            CinemaCode: cinemaCode(req.cinema),
            FeatureAppNo: featureAppNo,
            SeatInfos: { SeatInfo: seatCodes.map((SeatCode) => ({ SeatCode })) },
          },
          signed: [cinemaCode(req.cinema), featureAppNo, ...seatCodes],
        },
        "write",
      );
      if (!res.ok) return res;
      const orderCode = str(res.value.result, "OrderCode");
      if (!orderCode) return fail("vendor_unavailable", "LockSeat succeeded without an OrderCode", "no_order_code");
      const data: LockData = {
        orderCode,
        featureAppNo,
        seatCodes,
        cinemaAllowance: String(req.showtime.vendorData?.cinemaAllowance ?? "0.00"),
        marketingCode: String(req.showtime.vendorData?.marketingCode ?? ""),
      };
      return ok({ vendorLockId: orderCode, lockedUntil: lockedUntil(res.value.result, now), vendorData: { ...data } });
    },

    async release(order) {
      const d = lockDataOf(order.lockVendorData, order.vendorLockId);
      const featureAppNo = d.featureAppNo || order.showtime.vendorShowtimeId;
      const res = await client.xml(
        {
          op: "ReleaseSeat",
          param: "releaseSeatXml",
          root: "ReleaseSeatParameter",
          body: {
            CinemaCode: cinemaCode(order.cinema),
            OrderCode: d.orderCode,
            FeatureAppNo: featureAppNo,
            SeatInfos: { SeatInfo: d.seatCodes.map((SeatCode) => ({ SeatCode })) },
          },
          signed: [cinemaCode(order.cinema), d.orderCode, featureAppNo, ...d.seatCodes],
        },
        "write",
      );
      return res.ok ? ok(undefined) : res;
    },

    /**
     * SubmitOrder once. Its answer with PrintNo + VerifyCode is an issued order; without them it is
     * pending (asked again by the recovery policy); a lost or unreadable answer is outcome_unknown
     * and is settled by QueryOrderStatus, never by sending SubmitOrder again.
     */
    async confirm(req) {
      if (!/^1\d{10}$/.test(req.mobile))
        return fail("invalid_request", "辰星 SubmitOrder needs the buyer's 11-digit mobile");
      const d = lockDataOf(req.lockVendorData, req.vendorLockId);
      const featureAppNo = d.featureAppNo || req.showtime.vendorShowtimeId;
      const seats = req.seats.map((s) => ({
        SeatCode: s.vendorSeatId,
        Price: fenToYuan(s.settleFen),
        // 网络代售服务费: we declare none (our channel's own fee is not the vendor's business).
        ServiceCharge: "0.00",
        ServiceAddFee: fenToYuan(s.serviceFeeFen),
        CinemaAllowance: d.cinemaAllowance,
        ...(d.marketingCode ? { MarketingCode: d.marketingCode } : {}),
      }));
      const res = await client.xml(
        {
          op: "SubmitOrder",
          param: "submitOrderXml",
          root: "SubmitOrderParameter",
          body: {
            CinemaCode: cinemaCode(req.cinema),
            OrderCode: d.orderCode,
            FeatureAppNo: featureAppNo,
            MobilePhone: req.mobile,
            SeatInfos: { SeatInfo: seats },
          },
          signed: [
            cinemaCode(req.cinema),
            d.orderCode,
            featureAppNo,
            req.mobile,
            ...seats.flatMap((s) => [
              s.SeatCode,
              s.Price,
              s.ServiceCharge,
              s.ServiceAddFee,
              s.CinemaAllowance,
              s.MarketingCode ?? "",
            ]),
          ],
        },
        "money",
      );
      if (!res.ok) return res;
      const state = toOrderState(
        res.value.result,
        req.seats.map((s) => s.vendorSeatId),
      );
      return ok(
        state.state === "pending"
          ? { state: "pending", vendorOrderId: str(res.value.result, "OrderCode") ?? d.orderCode }
          : state,
      );
    },

    async queryOrder(order) {
      const d = lockDataOf(order.lockVendorData, order.vendorLockId);
      const q = await queryOrderStatus(order.cinema, order.vendorOrderId ?? d.orderCode);
      return q.ok ? ok(toOrderState(q.value, d.seatCodes)) : q;
    },

    /**
     * CancelOrder (4.1.11) is the refund: it takes PrintNo + VerifyCode, which QueryOrderStatus
     * gives back. A refusal (printed, too late) is refund_refused with the vendor's text.
     */
    async refund(order) {
      const codes = await pickupCodes(order);
      if (!codes.ok) return codes;
      if (codes.value.status === ORDER_STATUS.refunded)
        return ok({ state: "refunded", vendorOrderId: order.vendorOrderId });
      const res = await client.flat(
        "CancelOrder",
        [
          ["pCinemaCode", cinemaCode(order.cinema)],
          ["pPrintNo", codes.value.printNo],
          ["pVerifyCode", codes.value.verifyCode],
        ],
        "money",
        [codes.value.verifyCode],
      );
      if (!res.ok) {
        if (res.error.code !== "outcome_unknown" && REFUND_REFUSED.test(res.error.message)) {
          return { ok: false, error: { ...res.error, code: "refund_refused" } };
        }
        return res;
      }
      return ok({ state: "refunded", vendorOrderId: str(res.value.result, "OrderCode") ?? order.vendorOrderId });
    },

    async printStatus(order) {
      const codes = await pickupCodes(order);
      if (!codes.ok) return codes;
      const res = await connector.deliveryStatus(order.cinema, codes.value.printNo, codes.value.verifyCode);
      return res.ok ? ok({ printed: res.value.printed }) : res;
    },

    async deliveryStatus(cinema, printNo, verifyCode) {
      const res = await client.flat(
        "QueryDeliveryStatus",
        [
          ["pCinemaCode", cinemaCode(cinema)],
          ["pPrintNo", printNo],
          ["pVerifyCode", verifyCode],
        ],
        "read",
        [verifyCode],
      );
      if (!res.ok) return res;
      const r = res.value.result;
      const at = str(r, "PrintTime");
      let printedAt: number | undefined;
      try {
        printedAt = at ? parseChinaLocal(at) : undefined;
      } catch {
        printedAt = undefined;
      }
      return ok({
        printed: str(r, "PrintStatus") === "Yes",
        delivered: str(r, "DeliveryStatus") === "Yes",
        ...(printedAt !== undefined ? { printedAt } : {}),
      });
    },

    cards: chenxingMembers(client),

    close: () => transport.close(),
  };
  return connector;
}

/**
 * The lock's end as 辰星 states it: AutoUnlockDatetime (its clock) and LockLength (minutes from
 * now); when both are given the earlier wins, and with neither the capability's 10 minutes.
 */
function lockedUntil(result: Wire, now: number): number {
  const candidates: number[] = [];
  const at = str(result, "AutoUnlockDatetime");
  if (at) {
    try {
      candidates.push(parseChinaLocal(at));
    } catch {
      // unreadable: LockLength or the default decides
    }
  }
  const length = Number(str(result, "LockLength"));
  if (Number.isFinite(length) && length > 0) candidates.push(now + length * 60_000);
  return candidates.length ? Math.min(...candidates) : now + chenxingCapabilities.lockTtlMs;
}
