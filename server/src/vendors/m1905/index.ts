import type { Static } from "@sinclair/typebox";
import type { VendorFilm } from "../../domain/catalog.js";
import { fail, ok, type Result } from "../../domain/errors.js";
import { fenToYuan } from "../../domain/money.js";
import type { LockRequest, OrderRef } from "../../domain/trade.js";
import { accountTransport } from "../account-transport.js";
import type { CinemaConnector } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import { inQueryRange } from "../showtime-range.js";
import { int, str, type Wire } from "../wire/read.js";
import { items } from "../wire/xml-document.js";
import { createM1905Cards, type M1905Cards } from "./cards.js";
import { M1905Client } from "./client.js";
import { type M1905Credentials, m1905Capabilities } from "./descriptor.js";
import {
  partnerOrderId,
  pickupOf,
  stopSellingMinutes,
  toCinema,
  toFilm,
  toHall,
  toLayout,
  toOrderState,
  toSeatStatus,
  toShowtime,
} from "./mapping.js";
import { m1905Recovery } from "./recovery.js";

export { m1905Recovery } from "./recovery.js";

/** `baseUrl`: 1905's API root, e.g. `http://host/Api`; calls go to `{base}/{Method}`. */
export type M1905Options = ConnectorOptions<Static<typeof M1905Credentials>>;

/** GetCinema and GetFeatureFilm change rarely: one answer serves a sync run. */
const REFERENCE_TTL_MS = 10 * 60_000;

const MAX_SEATS = m1905Capabilities.maxSeatsPerOrder;

export interface M1905Connector extends CinemaConnector<"m1905"> {
  /** 1905's member-card calls (cards.ts): typed here, not through the generic memberCards capability. */
  readonly cards: M1905Cards;
  close(): Promise<void>;
}

/**
 * 1905 电影网 netsale (public-refs §8; no vendor document is held). Form POST with pVerifyInfo,
 * XML replies. What the refs do not say is decided conservatively and written in
 * docs/vendors/m1905.md: undocumented codes are never guessed (codes.ts), a sale is never resent
 * blindly (recovery.ts), and after a refused lock, sale or refund the connector asks 1905 what
 * actually happened before it answers.
 */
export function createM1905Connector(opts: M1905Options): M1905Connector {
  const transport = accountTransport("m1905", opts, [opts.credentials.key]);
  const client = new M1905Client(transport, opts.baseUrl, opts.credentials);
  const cached = new Map<string, { at: number; value: unknown }>();

  async function remember<T>(key: string, load: () => Promise<Result<T>>): Promise<Result<T>> {
    const hit = cached.get(key);
    if (hit && opts.clock.now() - hit.at < REFERENCE_TTL_MS) return ok(hit.value as T);
    const res = await load();
    if (res.ok) cached.set(key, { at: opts.clock.now(), value: res.value });
    return res;
  }

  /** GetCinema: the account's cinemas. It takes nothing but the account, so a refusal is auth_failed. */
  const cinemas = () =>
    remember("cinemas", async () => {
      const res = await client.call("GetCinema", [], { unknownCode: "auth_failed" });
      return res.ok ? ok(items(res.value.body, "Cinemas", "Cinema")) : res;
    });

  const films = () =>
    remember("films", async () => {
      const res = await client.call("GetFeatureFilm", [], { unknownCode: "auth_failed" });
      return res.ok ? ok(items(res.value.body, "Films", "Film")) : res;
    });

  async function sessionSeats(sessionNo: string): Promise<Result<Wire[]>> {
    const res = await client.call("GetSessionSeat", [["pSessionID", sessionNo]]);
    return res.ok ? ok(items(res.value.body, "SessionSeats", "SessionSeat")) : res;
  }

  async function orderStatus(partnerId: string): Promise<Result<Wire>> {
    const res = await client.call("GetOrderStatus", [["pOrderID", partnerId]]);
    return res.ok ? ok(res.value.body) : res;
  }

  const seatParams = (req: LockRequest): Array<[string, string]> => [
    ["pSeatNo", req.seats.map((s) => s.vendorSeatId).join(",")],
    ["pTicketPrice", req.seats.map((s) => fenToYuan(s.settleFen)).join(",")],
    ["pFee", req.seats.map((s) => fenToYuan(s.serviceFeeFen)).join(",")],
  ];

  const connector: M1905Connector = {
    vendor: "m1905",
    capabilities: m1905Capabilities,
    recovery: m1905Recovery,
    cards: createM1905Cards(client),

    async ping() {
      cached.delete("cinemas");
      const res = await cinemas();
      return res.ok ? ok({ cinemaCount: res.value.length }) : res;
    },

    async listCinemas() {
      const res = await cinemas();
      if (!res.ok) return res;
      return ok(res.value.map(toCinema).filter((c) => c !== undefined));
    },

    async getCinema(cinema) {
      const all = await cinemas();
      if (!all.ok) return all;
      const w = all.value.find((c) => str(c, "CinemaNo") === cinema.vendorCinemaId);
      const found = w && toCinema(w);
      if (!found) {
        return fail(
          "not_found",
          `1905 lists no cinema with CinemaNo ${cinema.vendorCinemaId} (its own number, not the national code)`,
        );
      }
      const screens = await client.call("GetScreen", [["pCinemaID", cinema.vendorCinemaId]]);
      if (!screens.ok) return screens;
      return ok({
        ...found,
        halls: items(screens.value.body, "Screens", "Screen")
          .map(toHall)
          .filter((h) => h !== undefined),
      });
    },

    /** GetFeatureFilm is 1905's whole film list, not per cinema. */
    async listFilms() {
      const res = await films();
      return res.ok ? ok(res.value.map(toFilm).filter((f): f is VendorFilm => f !== undefined)) : res;
    },

    /** GetCinemaAllSession lists every current session; the business days asked are kept. */
    async listShowtimes(query) {
      const all = await cinemas();
      if (!all.ok) return all;
      const stop = stopSellingMinutes(all.value.find((c) => str(c, "CinemaNo") === query.cinema.vendorCinemaId));
      const filmList = await films();
      if (!filmList.ok) return filmList;
      const filmCodes = new Map(
        filmList.value.map((f) => [
          str(f, "FilmNo") ?? "",
          { code: str(f, "FilmCode"), title: str(f, "FilmName") ?? "" },
        ]),
      );
      const res = await client.call("GetCinemaAllSession", [["pCinemaID", query.cinema.vendorCinemaId]]);
      if (!res.ok) return res;
      const sessions = items(res.value.body, "Sessions", "Session");
      return ok(
        inQueryRange(
          sessions.map((w) => toShowtime(w, stop, filmCodes)),
          query,
        ),
      );
    },

    async getSeatLayout(cinema, vendorHallId) {
      const res = await client.call("GetScreenSeat", [
        ["pCinemaID", cinema.vendorCinemaId],
        ["pScreenID", vendorHallId],
      ]);
      return res.ok ? ok(toLayout(vendorHallId, items(res.value.body, "ScreenSeats", "ScreenSeat"))) : res;
    },

    async getSeatStatus(_cinema, showtime) {
      const res = await sessionSeats(showtime.vendorShowtimeId);
      return res.ok ? ok(toSeatStatus(res.value)) : res;
    },

    async lock(req) {
      if (req.seats.length === 0 || req.seats.length > MAX_SEATS) {
        return fail("invalid_request", `1905 locks 1 to ${MAX_SEATS} seats per order here, not ${req.seats.length}`);
      }
      if (opts.clock.now() >= req.showtime.stopSellingAt) {
        return fail("showtime_closed", "the session has passed its stop-selling time (SellStopTime)");
      }
      const lowest = req.showtime.vendorData?.lowestFen;
      if (typeof lowest === "number" && req.seats.some((s) => s.settleFen < lowest)) {
        return fail("price_rejected", `declared price below 1905's LowestPrice ${fenToYuan(lowest)}`);
      }
      const partnerId = partnerOrderId(req.orderId);
      const res = await client.call(
        "LockSeatCustom",
        [["pSessionID", req.showtime.vendorShowtimeId], ["pOrderID", partnerId], ...seatParams(req)],
        { sideEffect: true },
      );
      if (!res.ok) {
        if (res.error.code !== "vendor_unavailable" || !res.error.vendorCode || !/^-?\d+$/.test(res.error.vendorCode)) {
          return res;
        }
        // An undocumented refusal: if 1905 shows a wanted seat taken, that is what it meant.
        const seats = await sessionSeats(req.showtime.vendorShowtimeId);
        if (seats.ok) {
          const status = toSeatStatus(seats.value);
          if (req.seats.some((s) => status[s.vendorSeatId] !== undefined)) {
            return { ok: false, error: { ...res.error, code: "seat_unavailable" } };
          }
        }
        return res;
      }
      const infos = items(res.value.body, "SeatInfos", "SeatInfo");
      const unlockAt = infos
        .map((i) => int(i, "AutoUnlockDatetime"))
        .filter((n): n is number => n !== undefined && n > 0);
      const lockedUntil = unlockAt.length
        ? Math.min(...unlockAt) * 1000
        : opts.clock.now() + m1905Capabilities.lockTtlMs;
      return ok({
        vendorLockId: partnerId,
        lockedUntil,
        vendorData: { orderNo: str(res.value.body, "OrderNo") ?? null, seatNos: req.seats.map((s) => s.vendorSeatId) },
      });
    },

    async release(order) {
      const res = await client.call("UnLockSeat", [["pOrderID", order.vendorLockId]], { sideEffect: true });
      if (res.ok) return ok(undefined);
      // Already released or lapsed at 1905 is what release wants.
      const q = await orderStatus(order.vendorLockId);
      if (q.ok && str(q.value, "OrderStatus") === "6") return ok(undefined);
      return res;
    },

    /**
     * SellTicketCustom with the lock's seats and prices. Issued when the answer carries PrintNo;
     * otherwise, and after any refusal that is not a lost answer, GetOrderStatus decides.
     */
    async confirm(req) {
      const res = await client.call("SellTicketCustom", [["pOrderID", req.vendorLockId], ...seatParams(req)], {
        sideEffect: true,
      });
      if (res.ok && str(res.value.body, "PrintNo")) {
        return ok({
          state: "issued",
          vendorOrderId: str(res.value.body, "OrderNo") ?? req.vendorLockId,
          tickets: req.seats.map((s) => ({ vendorSeatId: s.vendorSeatId })),
          pickup: pickupOf(res.value.body),
        });
      }
      if (!res.ok && res.error.code === "outcome_unknown") return res;
      const q = await orderStatus(req.vendorLockId);
      if (q.ok) {
        const state = toOrderState(q.value);
        // A sale answered 0 without PrintNo whose order still shows "locked" is not taken for unsent:
        // it stays pending and the timetable asks again (never a second sale on a success answer).
        if (res.ok && state.state === "not_submitted") return ok({ ...state, state: "pending" });
        if (res.ok || state.state === "issued" || state.state === "pending") return ok(state);
        if (state.state === "failed") return ok(state);
      }
      if (res.ok) return ok({ state: "pending", vendorOrderId: str(res.value.body, "OrderNo") ?? req.vendorLockId });
      return res;
    },

    async queryOrder(order: OrderRef) {
      const q = await orderStatus(order.vendorLockId);
      return q.ok ? ok(toOrderState(q.value)) : q;
    },

    /**
     * RefundTicket needs the PrintNo, which GetOrderStatus gives. A refusal (any code: none is
     * documented) is checked with GetOrderStatus: refunded after all → refunded; still issued →
     * refund_refused with 1905's text.
     */
    async refund(order: OrderRef) {
      const before = await orderStatus(order.vendorLockId);
      if (!before.ok) return before;
      const state = toOrderState(before.value);
      if (state.state === "refunded") return ok(state);
      if (state.state !== "issued")
        return fail("order_state", `1905 order is ${state.state}, not issued: nothing to refund`);
      const printNo = str(before.value, "PrintNo") ?? "";
      const res = await client.call(
        "RefundTicket",
        [
          ["pOrderID", order.vendorLockId],
          ["pPrintNo", printNo],
        ],
        { sideEffect: true },
      );
      if (res.ok)
        return ok({ state: "refunded", vendorOrderId: str(res.value.body, "OrderNo") ?? state.vendorOrderId });
      if (res.error.code === "outcome_unknown") return res;
      const after = await orderStatus(order.vendorLockId);
      if (after.ok) {
        const now = toOrderState(after.value);
        if (now.state === "refunded") return ok(now);
        if (now.state === "issued") return { ok: false, error: { ...res.error, code: "refund_refused" } };
      }
      return res;
    },

    async printStatus(order: OrderRef) {
      const q = await orderStatus(order.vendorLockId);
      return q.ok ? ok({ printed: str(q.value, "PrintStatus") === "1" }) : q;
    },

    close: () => transport.close(),
  };
  return connector;
}
