import type { Static } from "@sinclair/typebox";
import { fail, ok, type Result } from "../../domain/errors.js";
import { fenToYuan } from "../../domain/money.js";
import type { CinemaRef, OrderRef, VendorOrderState } from "../../domain/trade.js";
import { accountTransport } from "../account-transport.js";
import type { CinemaConnector } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import { inQueryRange } from "../showtime-range.js";
import { int, str, type Wire } from "../wire/read.js";
import { items, obj } from "../wire/xml-document.js";
import { brandLabel, brandOf } from "./brands.js";
import { NgcClient } from "./client.js";
import { type Huolieniao5Credentials, huolieniao5Capabilities } from "./descriptor.js";
import {
  channelOrderCode,
  filmsOf,
  pickupOf,
  toCinema,
  toHall,
  toLayout,
  toOrderState,
  toSeatStatus,
  toShowtime,
} from "./mapping.js";
import { huolieniao5Recovery } from "./recovery.js";

export { huolieniao5Recovery } from "./recovery.js";

/** `baseUrl`: the API root; calls go to `{base}/{action}.xml`. */
export type Huolieniao5Options = ConnectorOptions<Static<typeof Huolieniao5Credentials>>;

const MAX_SEATS = huolieniao5Capabilities.maxSeatsPerOrder;

/** queryPrintByVerifyCode's answer: what the cinema's machine will print (§7.2). */
export interface NgcPrintInfo {
  printCode?: string;
  verifyCode?: string;
  reprintCount?: number;
  tickets: Array<{ ticketCode?: string; seatCode?: string; price?: string; printed: boolean }>;
}

export interface Huolieniao5Connector extends CinemaConnector<"huolieniao5"> {
  /** Which brand this account is ("dadi" …) and how support sees it. */
  readonly brand: { id: string; label: { zh: string; en: string } };
  /** queryPrintByVerifyCode: the tickets behind a pickup code (YXT sends cinemaCode + codes only). */
  queryPrint(order: OrderRef, printCode: string, verifyCode: string): Promise<Result<NgcPrintInfo>>;
  /** confirmPrint: tells the vendor the tickets were printed by us (a kiosk of ours). */
  confirmPrint(order: OrderRef, printCode: string, verifyCode: string): Promise<Result<void>>;
  close(): Promise<void>;
}

/**
 * 火烈鸟 v5.0 ("NGC") and the CEC "YXT" family (public-refs §7; no vendor document is held): form POST
 * to `{action}.xml` with channelCode and an MD5 sign, `<reply>` answers. What the refs do not say is
 * decided conservatively and written in docs/vendors/huolieniao5.md: undocumented codes are never
 * guessed (codes.ts), a sale is never resent blindly (recovery.ts), and after a refused lock, sale or
 * refund the connector asks the vendor what happened before it answers. `brand` switches on the YXT
 * differences of §7.2.
 */
export function createHuolieniao5Connector(opts: Huolieniao5Options): Huolieniao5Connector {
  const transport = accountTransport("huolieniao5", opts, [opts.credentials.key]);
  const brand = brandOf(opts.credentials.brand);
  const label = brandLabel(brand.id);
  const client = new NgcClient(transport, opts.baseUrl, opts.credentials, label.zh);
  /** YXT adds cinemaCode to every trading call (§7.2, last column). */
  const yxtCinema = (cinema: CinemaRef): Record<string, string> =>
    brand.yxt ? { cinemaCode: cinema.vendorCinemaId } : {};

  async function shows(cinema: CinemaRef, startDate?: string): Promise<Result<Wire[]>> {
    const res = await client.call("queryShows", {
      cinemaCode: cinema.vendorCinemaId,
      status: "1",
      ...(startDate ? { startDate } : {}),
    });
    return res.ok ? ok(items(res.value.body, "shows", "show")) : res;
  }

  async function showSeats(cinema: CinemaRef, showtime: { vendorShowtimeId: string; vendorHallId: string }) {
    const res = await client.call("queryShowSeats", {
      channelShowCode: showtime.vendorShowtimeId,
      ...(brand.yxt ? { cinemaCode: cinema.vendorCinemaId, hallCode: showtime.vendorHallId } : {}),
    });
    return res.ok ? ok(toSeatStatus(items(res.value.body, "seats", "seat"))) : res;
  }

  async function order(ref: OrderRef): Promise<Result<Wire | undefined>> {
    const res = await client.call("queryOrder", { orderCode: ref.vendorLockId, ...yxtCinema(ref.cinema) });
    if (res.ok) return ok(obj(res.value.body, "order"));
    // 220 order not found: an answer, not a failure.
    return res.error.vendorCode === "220" ? ok(undefined) : res;
  }

  const seatIdsOf = (ref: { lockVendorData?: Record<string, unknown> }): string[] => {
    const s = ref.lockVendorData?.seatCodes;
    return Array.isArray(s) ? s.map(String) : [];
  };

  async function state(ref: OrderRef): Promise<Result<VendorOrderState>> {
    const q = await order(ref);
    if (!q.ok) return q;
    return ok(q.value ? toOrderState(q.value, seatIdsOf(ref)) : { state: "not_found" });
  }

  const connector: Huolieniao5Connector = {
    vendor: "huolieniao5",
    capabilities: huolieniao5Capabilities,
    recovery: huolieniao5Recovery,
    brand: { id: brand.id, label },

    /**
     * No call takes only the account, so ping asks queryCinema for a cinema code no cinema has: an
     * answer of 100 (cinema not found) or 997 (parameters) shows channel and sign were accepted
     * (CEC checks the channel and the sign before the call's parameters: inferred).
     */
    async ping() {
      const res = await client.call("queryCinema", { cinemaCode: "00000000" }, { unknownCode: "auth_failed" });
      if (res.ok || ["100", "101", "997"].includes(res.error.vendorCode ?? "")) return ok({});
      return res;
    },

    async getCinema(cinema) {
      const res = await client.call("queryCinema", { cinemaCode: cinema.vendorCinemaId });
      if (!res.ok) return res;
      const found = toCinema(obj(res.value.body, "cinema"));
      if (!found) {
        return fail("not_found", `${label.zh}: no cinema ${cinema.vendorCinemaId} (the 8-digit national code)`);
      }
      const halls = await client.call("queryHalls", { cinemaCode: cinema.vendorCinemaId });
      if (!halls.ok) return halls;
      return ok({
        ...found,
        halls: items(halls.value.body, "halls", "hall")
          .map(toHall)
          .filter((h) => h !== undefined),
      });
    },

    /** There is no film call: the films are those of the cinema's shows. */
    async listFilms(cinema) {
      const res = await shows(cinema);
      return res.ok ? ok(filmsOf(res.value)) : res;
    },

    async listShowtimes(query) {
      const res = await shows(query.cinema, query.fromDate);
      if (!res.ok) return res;
      return ok(inQueryRange(res.value.map(toShowtime), query));
    },

    async getSeatLayout(cinema, vendorHallId) {
      const res = await client.call("querySeats", { cinemaCode: cinema.vendorCinemaId, hallCode: vendorHallId });
      return res.ok ? ok(toLayout(vendorHallId, items(res.value.body, "seats", "seat"))) : res;
    },

    getSeatStatus: (cinema, showtime) => showSeats(cinema, showtime),

    async lock(req) {
      if (req.seats.length === 0 || req.seats.length > MAX_SEATS) {
        return fail(
          "invalid_request",
          `${label.zh} locks 1 to ${MAX_SEATS} seats per order here, not ${req.seats.length}`,
        );
      }
      if (opts.clock.now() >= req.showtime.stopSellingAt) {
        return fail("showtime_closed", "the show has passed its stop-selling time (stopSellTime)");
      }
      const lowest = req.showtime.vendorData?.lowestFen;
      if (typeof lowest === "number" && req.seats.some((s) => s.settleFen < lowest)) {
        return fail("price_rejected", `declared price below the vendor's minPrice ${fenToYuan(lowest)}`);
      }
      const seatCodes = req.seats.map((s) => s.vendorSeatId);
      const res = await client.call(
        "lockSeats",
        {
          channelShowCode: req.showtime.vendorShowtimeId,
          seatCodes: seatCodes.join(","),
          channelOrderCode: channelOrderCode(req.orderId),
          // YXT: cinemaCode, the buyer's mobile, and the per-seat cinema price (one value: the
          // highest declared; the refs do not say how differing seat prices are sent).
          ...(brand.yxt
            ? {
                cinemaCode: req.cinema.vendorCinemaId,
                mobile: req.mobile,
                lockPrice: fenToYuan(Math.max(...req.seats.map((s) => s.settleFen))),
              }
            : {}),
        },
        { sideEffect: true },
      );
      if (!res.ok) {
        if (res.error.code !== "vendor_unavailable" || !/^\d+$/.test(res.error.vendorCode ?? "")) return res;
        // An undocumented refusal: if the vendor shows a wanted seat taken, that is what it meant.
        const status = await showSeats(req.cinema, req.showtime);
        if (status.ok && seatCodes.some((s) => status.value[s] !== undefined)) {
          return { ok: false, error: { ...res.error, code: "seat_unavailable" } };
        }
        return res;
      }
      const orderCode = str(res.value.body, "orderCode");
      if (!orderCode) {
        return fail("outcome_unknown", `${label.zh} answered lockSeats without an orderCode`, "bad_response");
      }
      const lockMinutes = int(res.value.body, "lockTime");
      const ttl =
        lockMinutes !== undefined && lockMinutes > 0 ? lockMinutes * 60_000 : huolieniao5Capabilities.lockTtlMs;
      return ok({
        vendorLockId: orderCode,
        lockedUntil: opts.clock.now() + ttl,
        vendorData: { seatCodes, channelOrderCode: channelOrderCode(req.orderId) },
      });
    },

    async release(ref) {
      const res = await client.call(
        "releaseSeats",
        { orderCode: ref.vendorLockId, ...yxtCinema(ref.cinema) },
        { sideEffect: true },
      );
      if (res.ok) return ok(undefined);
      // Already cancelled (released or lapsed) is what release wants.
      const q = await state(ref);
      if (q.ok && (q.value.state === "failed" || q.value.state === "not_found")) return ok(undefined);
      return res;
    },

    /**
     * submitOrder with `seatCode:salePrice:submitPrice` per seat (salePrice what the buyer pays for
     * the seat — declared price plus fee —, submitPrice the declared price: inferred from the names).
     * Issued when the answer carries printCode (NGC); YXT re-checks queryOrder for status 4 as the
     * CEC adapter does. Otherwise, and after any refusal that is not a lost answer, queryOrder decides.
     */
    async confirm(req) {
      const ref: OrderRef = { ...req, lockVendorData: req.lockVendorData ?? {} };
      const orderSeats = req.seats
        .map((s) => `${s.vendorSeatId}:${fenToYuan(s.settleFen + s.serviceFeeFen)}:${fenToYuan(s.settleFen)}`)
        .join(",");
      const res = await client.call(
        "submitOrder",
        { orderCode: req.vendorLockId, mobile: req.mobile, orderSeats, ...yxtCinema(req.cinema) },
        { sideEffect: true },
      );
      const seats = req.seats.map((s) => ({ vendorSeatId: s.vendorSeatId }));
      if (res.ok && str(res.value.body, "printCode") && !brand.yxt) {
        return ok({
          state: "issued",
          vendorOrderId: req.vendorLockId,
          tickets: seats,
          pickup: pickupOf(res.value.body),
        });
      }
      if (!res.ok && res.error.code === "outcome_unknown") return res;
      const q = await order(ref);
      if (q.ok && q.value) {
        const now = toOrderState(
          q.value,
          seats.map((s) => s.vendorSeatId),
        );
        // A sale answered 001 whose order still shows unpaid is not taken for unsent: it stays
        // pending and the timetable asks again (never a second sale on a success answer).
        if (res.ok && now.state === "not_submitted") return ok({ state: "pending", vendorOrderId: req.vendorLockId });
        if (res.ok || now.state === "issued" || now.state === "pending" || now.state === "failed") return ok(now);
      }
      if (res.ok) return ok({ state: "pending", vendorOrderId: req.vendorLockId });
      return res;
    },

    queryOrder: (ref) => state(ref),

    /**
     * revokeTicket. A refusal is checked with queryOrder: refunded after all → refunded; still
     * issued → refund_refused with the vendor's text.
     */
    async refund(ref) {
      const before = await state(ref);
      if (!before.ok) return before;
      if (before.value.state === "refunded") return before;
      if (before.value.state !== "issued") {
        return fail("order_state", `${label.zh} order is ${before.value.state}, not issued: nothing to refund`);
      }
      const res = await client.call(
        "revokeTicket",
        { orderCode: ref.vendorLockId, ...yxtCinema(ref.cinema) },
        { sideEffect: true },
      );
      if (res.ok) return ok({ state: "refunded", vendorOrderId: ref.vendorLockId });
      if (res.error.code === "outcome_unknown") return res;
      const after = await state(ref);
      if (after.ok && after.value.state === "refunded") return after;
      if (after.ok && after.value.state === "issued" && res.error.code !== "refund_refused") {
        return { ok: false, error: { ...res.error, code: "refund_refused" } };
      }
      return res;
    },

    async printStatus(ref) {
      const q = await order(ref);
      if (!q.ok) return q;
      if (!q.value) return fail("not_found", `${label.zh} has no order ${ref.vendorLockId}`, "220");
      return ok({ printed: str(q.value, "printStatus") === "1" });
    },

    async queryPrint(ref, printCode, verifyCode) {
      const res = await client.call(
        "queryPrintByVerifyCode",
        brand.yxt
          ? { cinemaCode: ref.cinema.vendorCinemaId, printCode, verifyCode }
          : { orderCode: ref.vendorLockId, printCode, verifyCode },
      );
      if (!res.ok) return res;
      const b = res.value.body;
      const reprint = int(b, "reprintCount");
      return ok({
        ...pickupOf(b),
        ...(reprint !== undefined ? { reprintCount: reprint } : {}),
        tickets: items(b, "tickets", "ticket").map((t) => ({
          ...(str(t, "ticketCode") ? { ticketCode: str(t, "ticketCode") } : {}),
          ...(str(t, "seatCode") ? { seatCode: str(t, "seatCode") } : {}),
          ...(str(t, "price") ? { price: str(t, "price") } : {}),
          printed: str(t, "printStatus") === "1",
        })),
      });
    },

    async confirmPrint(ref, printCode, verifyCode) {
      const res = await client.call(
        "confirmPrint",
        { orderCode: ref.vendorLockId, printCode, verifyCode, ...yxtCinema(ref.cinema) },
        { sideEffect: true },
      );
      return res.ok ? ok(undefined) : res;
    },

    close: () => transport.close(),
  };
  return connector;
}
