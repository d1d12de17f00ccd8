import { createHash } from "node:crypto";
import type { Static } from "@sinclair/typebox";
import type { VendorShowtime } from "../../domain/catalog.js";
import { fail, ok, type Result } from "../../domain/errors.js";
import { addDays, businessDayOf } from "../../domain/time.js";
import type { CinemaRef, OrderRef, ShowtimeRef, VendorOrderState } from "../../domain/trade.js";
import type { CinemaConnector } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import type { MemberCardsConnector } from "../member-cards.js";
import { ticketingAndMemberHosts } from "../member-host.js";
import { str, type Wire } from "../wire/read.js";
import { DingxinClient } from "./client.js";
import { STALE_PLAY_CODES } from "./codes.js";
import { type DingxinCredentials, dingxinCapabilities } from "./descriptor.js";
import {
  type DingxinCinemaConfig,
  filmsOfPlays,
  type LockedSeatPrice,
  lockedSeatPrices,
  NEVER_UPDATED,
  seatAreasOf,
  sellSeatParam,
  ticketInfoState,
  toCinema,
  toConfig,
  toHall,
  toLayout,
  toOrderState,
  toSeatStatus,
  toShowtime,
} from "./mapping.js";
import { dingxinMembers } from "./members.js";
import { dingxinRecovery } from "./recovery.js";
import { list, obj } from "./wire.js";

export { dingxinRecovery } from "./recovery.js";

/** `baseUrl`: the ticketing host root (the `api.*` platform). */
export type DingxinOptions = ConnectorOptions<Static<typeof DingxinCredentials>>;

/** What the connector keeps from a lock for the sale (lockVendorData). */
interface LockData {
  lockFlag: string;
  playUpdateTime: string;
  seatIds: string[];
  prices: LockedSeatPrice[];
  lockedUntil: number;
}

const LOCK_TTL_MS = dingxinCapabilities.lockTtlMs;
const MAX_SEATS = dingxinCapabilities.maxSeatsPerOrder;

/** `yyyy-MM-dd` business days → the plays query's `start`/`end`: `end` is exclusive (§4.6), so one day later. */
export function playsWindow(fromDate: string, toDate: string): { start: string; end: string } {
  return { start: fromDate, end: addDays(toDate, 1) };
}

/**
 * Our order id → `partner_buy_ticket_id` (unique per sale, §4.3). Derived, never random, so the
 * same order always names the same sale: letters and digits as they are when short enough, else
 * an MD5 of the id.
 */
export function partnerOrderId(orderId: string): string {
  const plain = orderId.replace(/[^A-Za-z0-9]/g, "");
  return plain.length > 0 && plain.length <= 32 ? plain : createHash("md5").update(orderId).digest("hex");
}

/** A refund's own id (`partner_refund_ticket_id`, fresh per refund of an order). */
export const partnerRefundId = (orderId: string) => partnerOrderId(`${orderId}:refund`).slice(0, 32);

const lockDataOf = (d: Record<string, unknown> | undefined): LockData | undefined => {
  if (!d || typeof d.lockFlag !== "string") return undefined;
  return d as unknown as LockData;
};

export interface DingxinConnector extends CinemaConnector<"dingxin"> {
  readonly vendor: "dingxin";
  /** Member cards (public-refs §4.4): grades, login, balance, card price, recharge. */
  readonly members: MemberCardsConnector;
  /** cinema/config: per-order seat limit, refund and stop-selling minutes (names inferred). */
  getCinemaConfig(cinema: CinemaRef): Promise<Result<DingxinCinemaConfig>>;
  close(): Promise<void>;
}

/**
 * 鼎新 (Dingxin / 影合众), from public references only (public-refs §4; docs/vendors/dingxin.md):
 * form POST with `_sig`, `cid` = 鼎新's own cinema number, plays asked with `end` one day later,
 * `cineUpdateTime` echoed as `play_update_time`, the lock code (`lockFlag`) read from the lock reply.
 */
export function createDingxinConnector(opts: DingxinOptions): DingxinConnector {
  const hosts = ticketingAndMemberHosts("dingxin", opts, [opts.credentials.authCode]);
  const client = new DingxinClient(hosts.ticketing, hosts.members, opts.credentials.pid, opts.credentials.authCode);
  const now = () => opts.clock.now();

  async function config(cinema: CinemaRef): Promise<Result<DingxinCinemaConfig>> {
    const res = await client.call({ action: "cinema/config", params: { cid: cinema.vendorCinemaId } });
    return res.ok ? ok(toConfig(obj(res.value.data))) : res;
  }

  async function plays(cinema: CinemaRef, fromDate: string, toDate: string): Promise<Result<Wire[]>> {
    const res = await client.call({
      action: "cinema/plays",
      params: { cid: cinema.vendorCinemaId, ...playsWindow(fromDate, toDate) },
    });
    return res.ok ? ok(list(res.value.data)) : res;
  }

  /** The play's current cineUpdateTime, re-read from cinema/plays (what hubs do on 300505 / 500529). */
  async function freshUpdateTime(cinema: CinemaRef, show: ShowtimeRef): Promise<string | undefined> {
    const day = (show.vendorData?.businessDate as string | undefined) ?? businessDayOf(show.startsAt);
    const res = await plays(cinema, day, day);
    if (!res.ok) return undefined;
    const play = res.value.find((p) => str(p, "id") === show.vendorShowtimeId);
    return play ? (str(play, "cineUpdateTime") ?? NEVER_UPDATED) : undefined;
  }

  const updateTimeOf = (show: ShowtimeRef) =>
    show.versionKey ?? (show.vendorData?.cineUpdateTime as string | undefined) ?? NEVER_UPDATED;

  /**
   * A call that sends play_update_time: made once more with the play's fresh update time when the
   * vendor says the play data is out of date. Safe for the sale too: the vendor refused it.
   */
  async function withFreshPlay(
    cinema: CinemaRef,
    show: ShowtimeRef,
    make: (updateTime: string) => ReturnType<DingxinClient["call"]>,
  ): Promise<{ res: Awaited<ReturnType<DingxinClient["call"]>>; updateTime: string }> {
    const first = updateTimeOf(show);
    const res = await make(first);
    if (res.ok || !STALE_PLAY_CODES.has(res.error.vendorCode ?? "")) return { res, updateTime: first };
    const fresh = await freshUpdateTime(cinema, show);
    if (!fresh || fresh === first) return { res, updateTime: first };
    return { res: await make(fresh), updateTime: fresh };
  }

  async function seatStatusRows(cinema: CinemaRef, show: ShowtimeRef): Promise<Result<Wire[]>> {
    const { res } = await withFreshPlay(cinema, show, (updateTime) =>
      client.call({
        action: "play/seat-status",
        params: { cid: cinema.vendorCinemaId, play_id: show.vendorShowtimeId, play_update_time: updateTime },
      }),
    );
    return res.ok ? ok(list(res.value.data)) : res;
  }

  async function ticketInfo(cinema: CinemaRef, flag1: string, flag2: string) {
    const res = await client.call({
      action: "ticket/info",
      params: { cid: cinema.vendorCinemaId, ticket_flag1: flag1, ticket_flag2: flag2 },
      mask: [flag2],
    });
    return res.ok ? ok(ticketInfoState(obj(res.value.data))) : res;
  }

  /**
   * order/ticket-flag by partner_buy_ticket_id. `success` is issued (then ticket/info tells whether
   * the tickets were refunded since). An error answer that says the order does not exist means the
   * sale never took effect: while our lock lives it may be made again (not_submitted); after, the
   * order has failed. Anything else is pending.
   */
  async function queryOrder(order: OrderRef): Promise<Result<VendorOrderState>> {
    const id = order.vendorOrderId ?? partnerOrderId(order.orderId);
    const lock = lockDataOf(order.lockVendorData);
    const seatIds = lock?.seatIds ?? [];
    const res = await client.call({
      action: "order/ticket-flag",
      params: { cid: order.cinema.vendorCinemaId, partner_buy_ticket_id: id },
    });
    if (!res.ok) {
      if (/不存在|未找到|找不到|not\s*found|no such/i.test(res.error.message)) {
        if (lock && now() < lock.lockedUntil) return ok({ state: "not_submitted", vendorOrderId: id });
        return ok(
          lock
            ? { state: "failed", vendorOrderId: id, reason: `鼎新 has no order ${id} and the lock has lapsed` }
            : { state: "not_found" },
        );
      }
      return res;
    }
    const data = obj(res.value.data);
    const state = toOrderState(data, id, seatIds);
    if (state.state !== "issued") return ok(state);
    const info = await ticketInfo(order.cinema, state.pickup.printCode ?? "", state.pickup.verifyCode ?? "");
    if (info.ok && info.value.refunded) return ok({ state: "refunded", vendorOrderId: id });
    return ok(info.ok ? { ...state, printed: info.value.printed } : state);
  }

  const connector: DingxinConnector = {
    vendor: "dingxin",
    capabilities: dingxinCapabilities,
    recovery: dingxinRecovery,
    members: dingxinMembers(client),

    async ping() {
      const res = await client.call({ action: "partner/cinemas" });
      return res.ok ? ok({ cinemaCount: list(res.value.data).length }) : res;
    },

    async listCinemas() {
      const res = await client.call({ action: "partner/cinemas" });
      if (!res.ok) return res;
      return ok(list(res.value.data).flatMap((w) => toCinema(w) ?? []));
    },

    async getCinema(cinema) {
      const all = await connector.listCinemas!();
      if (!all.ok) return all;
      const found = all.value.find((c) => c.vendorCinemaId === cinema.vendorCinemaId);
      if (!found) return fail("not_found", `鼎新 lists no cinema ${cinema.vendorCinemaId} for this partner`);
      const [halls, cfg] = await Promise.all([
        client.call({ action: "cinema/halls", params: { cid: cinema.vendorCinemaId } }),
        config(cinema),
      ]);
      if (!halls.ok) return halls;
      return ok({
        ...found,
        halls: list(halls.value.data).map(toHall),
        ...(cfg.ok && cfg.value.forbidRefundMin !== undefined
          ? { refundBeforeMinutes: cfg.value.forbidRefundMin }
          : {}),
      });
    },

    getCinemaConfig: config,

    /** 鼎新 lists films only inside plays: the films of the plays of today and the next days. */
    async listFilms(cinema) {
      const today = businessDayOf(now());
      const res = await plays(cinema, today, addDays(today, 6));
      return res.ok ? ok(filmsOfPlays(res.value)) : res;
    },

    /**
     * Plays of the business days asked: `end` one day later (exclusive), then kept by business day
     * locally, as NS does. Selling stops cinema/config `sellTimeLimit` minutes before the start.
     */
    async listShowtimes(query) {
      const [res, cfg] = await Promise.all([plays(query.cinema, query.fromDate, query.toDate), config(query.cinema)]);
      if (!res.ok) return res;
      const stopMin = cfg.ok ? (cfg.value.sellTimeLimit ?? 0) : 0;
      return ok(
        res.value
          .map((p) => toShowtime(p, stopMin))
          .filter((s): s is VendorShowtime => s !== undefined)
          .filter((s) => {
            const day = businessDayOf(s.startsAt);
            return day >= query.fromDate && day <= query.toDate;
          }),
      );
    },

    async getSeatLayout(cinema, vendorHallId) {
      const res = await client.call({
        action: "cinema/hall-seats",
        params: { cid: cinema.vendorCinemaId, hall_id: vendorHallId },
      });
      return res.ok ? ok(toLayout(vendorHallId, list(res.value.data))) : res;
    },

    async getSeatStatus(cinema, showtime) {
      const rows = await seatStatusRows(cinema, showtime);
      return rows.ok ? ok(toSeatStatus(rows.value)) : rows;
    },

    /** The play's priced areas (plays areaInfo) and which seats are in them (play/seat-status areaId). */
    async getShowtimeAreas(cinema, showtime) {
      const priced = new Set((showtime.areaPrices ?? []).map((a) => a.areaId));
      if (priced.size === 0) return ok({ areas: [], seatAreas: {} });
      const rows = await seatStatusRows(cinema, showtime);
      if (!rows.ok) return rows;
      return ok({
        areas: [...priced].map((id) => ({ id, name: id })),
        seatAreas: seatAreasOf(rows.value, priced),
      });
    },

    async lock(req) {
      if (req.seats.length === 0 || req.seats.length > MAX_SEATS) {
        return fail("invalid_request", `鼎新 locks 1 to ${MAX_SEATS} seats per order, not ${req.seats.length}`);
      }
      if (now() >= req.showtime.stopSellingAt) {
        return fail("showtime_closed", "the showtime has passed its stop-selling time");
      }
      const seatIds = req.seats.map((s) => s.vendorSeatId);
      const { res, updateTime } = await withFreshPlay(req.cinema, req.showtime, (playUpdateTime) =>
        client.call({
          action: "seat/lock",
          sideEffect: true,
          params: {
            cid: req.cinema.vendorCinemaId,
            play_id: req.showtime.vendorShowtimeId,
            play_update_time: playUpdateTime,
            seat_id: seatIds.join(","),
          },
        }),
      );
      if (!res.ok) {
        // An undocumented refusal of a lock is read as "these seats cannot be had": nothing is held.
        const e = res.error;
        return e.code === "outcome_unknown" && e.vendorCode !== "bad_response" && /^\d+$/.test(e.vendorCode ?? "")
          ? { ok: false, error: { ...e, code: "seat_unavailable" } }
          : res;
      }
      const data = obj(res.value.data);
      // doc 000 §三.2 (3) <3>: 鼎新's lock code is only in the lock reply.
      const lockFlag = str(data, "lockFlag");
      if (!lockFlag) return fail("outcome_unknown", "seat/lock succeeded without a lockFlag", "no_lock_flag");
      const lockedUntil = now() + LOCK_TTL_MS;
      const lockData: LockData = {
        lockFlag,
        playUpdateTime: updateTime,
        seatIds,
        prices: lockedSeatPrices(data),
        lockedUntil,
      };
      return ok({ vendorLockId: lockFlag, lockedUntil, vendorData: { ...lockData } });
    },

    async release(order) {
      const lock = lockDataOf(order.lockVendorData);
      const res = await client.call({
        action: "seat/unlock",
        sideEffect: true,
        params: {
          cid: order.cinema.vendorCinemaId,
          play_id: order.showtime.vendorShowtimeId,
          seat_id: (lock?.seatIds ?? []).join(","),
          lock_flag: order.vendorLockId,
        },
      });
      if (res.ok) return ok(undefined);
      // 鼎新 saying the lock is no longer valid (lapsed or released) means the seats are free: the
      // release has nothing left to do. Read by message: no code for it is public.
      if (res.error.vendorCode && /失效|已过期|不存在|已解锁/.test(res.error.message)) return ok(undefined);
      return res;
    },

    /**
     * seat/lock-buy under our partner_buy_ticket_id. Each seat is declared `id-fee-price`: the fee
     * the lock reply gave for the seat (else the request's), the price the order settles at. An
     * answer with both ticket flags is issued; without them, pending. A lost answer is
     * outcome_unknown and the recovery policy asks order/ticket-flag — never a second sale.
     */
    async confirm(req) {
      const lock = lockDataOf(req.lockVendorData);
      const id = partnerOrderId(req.orderId);
      const fees = new Map((lock?.prices ?? []).map((p) => [p.seatId, p.serviceFeeFen]));
      const seat = sellSeatParam(
        req.seats.map((s) => ({
          seatId: s.vendorSeatId,
          feeFen: fees.get(s.vendorSeatId) ?? s.serviceFeeFen,
          priceFen: s.settleFen,
        })),
      );
      const { res } = await withFreshPlay(
        req.cinema,
        { ...req.showtime, versionKey: lock?.playUpdateTime ?? req.showtime.versionKey },
        (playUpdateTime) =>
          client.call({
            action: "seat/lock-buy",
            sideEffect: true,
            params: {
              cid: req.cinema.vendorCinemaId,
              play_id: req.showtime.vendorShowtimeId,
              play_update_time: playUpdateTime,
              lock_flag: req.vendorLockId,
              seat,
              partner_buy_ticket_id: id,
              ...(req.mobile ? { mobile: req.mobile } : {}),
            },
            mask: req.mobile ? [req.mobile] : [],
          }),
      );
      if (!res.ok) return res;
      return ok(
        toOrderState(
          obj(res.value.data),
          id,
          req.seats.map((s) => s.vendorSeatId),
          { fromSale: true },
        ),
      );
    },

    queryOrder,

    /** ticket/refund with the pickup codes and a fresh partner_refund_ticket_id; any refunded seat counts. */
    async refund(order) {
      const current = await queryOrder(order);
      if (!current.ok) return current;
      if (current.value.state === "refunded") return current;
      if (current.value.state !== "issued") {
        return fail("order_state", `鼎新 order is ${current.value.state}, not issued: nothing to refund`);
      }
      const { printCode = "", verifyCode = "" } = current.value.pickup;
      const res = await client.call({
        action: "ticket/refund",
        sideEffect: true,
        params: {
          cid: order.cinema.vendorCinemaId,
          ticket_flag1: printCode,
          ticket_flag2: verifyCode,
          partner_refund_ticket_id: partnerRefundId(order.orderId),
        },
        mask: [verifyCode],
      });
      if (!res.ok) {
        if (
          /退票|不能退|不可退|不允许退|禁止退|已取票|已打印/.test(res.error.message) &&
          res.error.code !== "auth_failed"
        ) {
          return { ok: false, error: { ...res.error, code: "refund_refused" } };
        }
        return res;
      }
      return list(res.value.data).length > 0
        ? ok({ state: "refunded", vendorOrderId: current.value.vendorOrderId })
        : fail("outcome_unknown", "ticket/refund answered without refunded seats", "no_refund_rows");
    },

    async printStatus(order: OrderRef) {
      const current = await queryOrder(order);
      if (!current.ok) return current;
      if (current.value.state !== "issued") return fail("order_state", `鼎新 order is ${current.value.state}`);
      return ok({ printed: current.value.printed ?? false });
    },

    close: async () => {
      await hosts.close();
    },
  };
  return connector;
}
