import { createHash } from "node:crypto";
import type { Static } from "@sinclair/typebox";
import type { SeatLayout, SeatStatusMap, VendorCinema, VendorFilm, VendorShowtime } from "../../domain/catalog.js";
import { fail, ok, type Result } from "../../domain/errors.js";
import { addDays, businessDayOf } from "../../domain/time.js";
import type { CinemaRef, OrderRef, VendorOrderState } from "../../domain/trade.js";
import type { CinemaConnector } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import { ticketingAndMemberHosts } from "../member-host.js";
import { HuofenghuangClient } from "./client.js";
import { type HuofenghuangCredentials, huofenghuangCapabilities } from "./descriptor.js";
import {
  chinaDateTime,
  orderState,
  parseSeatKey,
  type ShowKey,
  saleState,
  showKeyOf,
  startOf,
  toCinema,
  toFilm,
  toLayout,
  toSeatStatus,
  toShowtime,
  yuanText,
} from "./mapping.js";
import { type HuofenghuangMembers, huofenghuangMembers } from "./members.js";
import { huofenghuangRecovery } from "./recovery.js";
import type { CinemaIds } from "./signing.js";
import { child, list, type Node } from "./wire.js";

export { huofenghuangRecovery } from "./recovery.js";

export type HuofenghuangOptions = ConnectorOptions<Static<typeof HuofenghuangCredentials>>;

const LOCK_TTL_MS = huofenghuangCapabilities.lockTtlMs;
const MAX_SEATS = huofenghuangCapabilities.maxSeatsPerOrder;
/** What we ask for (`lockMinuteTime`, CEC sends 15): the lock lives as long as we say (inferred). */
const LOCK_MINUTES = String(LOCK_TTL_MS / 60_000);
/** The ticket type sent per seat; CEC's sample sends 成人票 (§5.2). */
const TICKET_TYPE = "成人票";

/**
 * Our order id → `orderNo` (partner-generated at lock, §5.3). Derived, never random, so the same
 * order always names the same vendor order: letters and digits as they are when short enough, else
 * the first 20 hex digits of an MD5 of the id. The refs show no length limit; CEC's are 11 digits.
 */
export function orderNoOf(orderId: string): string {
  const plain = orderId.replace(/[^A-Za-z0-9]/g, "");
  return plain.length > 0 && plain.length <= 20 ? plain : createHash("md5").update(orderId).digest("hex").slice(0, 20);
}

/** What the connector keeps from a lock for the sale, the query and the refund (lockVendorData). */
interface LockData {
  orderNo: string;
  show: ShowKey;
  sectionId: string;
  seatIds: string[];
  lockedUntil: number;
}

const lockDataOf = (d: Record<string, unknown> | undefined): LockData | undefined =>
  d && typeof d.orderNo === "string" && typeof d.sectionId === "string" ? (d as unknown as LockData) : undefined;

export interface HuofenghuangConnector extends CinemaConnector<"huofenghuang"> {
  readonly vendor: "huofenghuang";
  /** Member-card calls (public-refs §5.2), connector level only: see members.ts. */
  readonly cards: HuofenghuangMembers;
  close(): Promise<void>;
}

/**
 * 火凤凰 by its direct asmx protocol (public-refs §5; docs/vendors/huofenghuang.md): GET calls with
 * userId / userPass / cinemaId (national code) / cinemaLinkId (its internal code, our
 * vendorCinemaId) / randKey / checkValue; asmx-wrapped XML answers; shows named by seqNo +
 * showSeqNo; seats by section + rowId:columnId; our orderNo from the lock on; pickup codes
 * bookingId + confirmationId. Not the 火凤凰 of the ykse cloud (the `ykse` connector).
 */
export function createHuofenghuangConnector(opts: HuofenghuangOptions): HuofenghuangConnector {
  const hosts = ticketingAndMemberHosts("huofenghuang", opts, [opts.credentials.userPass]);
  const client = new HuofenghuangClient(hosts.ticketing, hosts.members, opts.credentials);
  const now = () => opts.clock.now();

  /** national codes learnt from the account-level qryCinema, by link id. */
  const nationalByLink = new Map<string, string>();

  async function accountCinemas(): Promise<Result<VendorCinema[]>> {
    const res = await client.call({ method: "qryCinema" });
    if (!res.ok) return res;
    const cinemas = list(res.value.reply.body, "cinemas", "cinema").flatMap((c) => toCinema(c) ?? []);
    for (const c of cinemas) if (c.nationalCode) nationalByLink.set(c.vendorCinemaId, c.nationalCode);
    return ok(cinemas);
  }

  /**
   * Both cinema ids: the national code is `cinemaId`, our vendorCinemaId is its `cinemaLinkId`. A
   * cinema onboarded by its link id alone has no national code yet: it is read from the account's
   * cinema list (qryCinema) once.
   */
  async function idsOf(cinema: CinemaRef): Promise<Result<CinemaIds>> {
    let national = cinema.nationalCode ?? nationalByLink.get(cinema.vendorCinemaId);
    if (!national) {
      const all = await accountCinemas();
      if (!all.ok) return all;
      national = nationalByLink.get(cinema.vendorCinemaId);
    }
    if (!national) {
      return fail(
        "not_found",
        `火凤凰 lists no cinema with link id ${cinema.vendorCinemaId} (cinemaLinkId) for this account, so its national code (cinemaId) is unknown`,
      );
    }
    return ok({ cinemaId: national, cinemaLinkId: cinema.vendorCinemaId });
  }

  /** A ticketing call about one cinema; `sideEffect` for the calls that change something. */
  async function read(
    cinema: CinemaRef,
    method: string,
    params: Array<[string, string]>,
    sideEffect = false,
  ): Promise<Result<Node>> {
    const ids = await idsOf(cinema);
    if (!ids.ok) return ids;
    const res = await client.call({ method, params, cinema: ids.value, sideEffect });
    return res.ok ? ok(res.value.reply.body) : res;
  }

  async function shows(cinema: CinemaRef, fromDate: string, toDate: string): Promise<Result<Node[]>> {
    // Business days run 06:00–05:59: ask from the first day's midnight to the morning after the last.
    const begin = startOf(fromDate, "0")!;
    const end = startOf(addDays(toDate, 1), "559")!;
    const res = await read(cinema, "qrySearchShow", [
      ["searchKey", "C;BD;ED"],
      ["searchValue", `${cinema.vendorCinemaId};${chinaDateTime(begin)};${chinaDateTime(end)}`],
    ]);
    return res.ok ? ok(list(res.value, "shows", "show")) : res;
  }

  async function layout(cinema: CinemaRef, hallId: string): Promise<Result<SeatLayout>> {
    const res = await read(cinema, "qrySeat", [["hallId", hallId]]);
    return res.ok ? ok(toLayout(hallId, child(res.value, "seatPlan"))) : res;
  }

  const showParams = (k: ShowKey): Array<[string, string]> => [
    ["hallId", k.hallId],
    ["filmId", k.filmId],
    ["showSeqNo", k.showSeqNo],
    ["showDate", k.showDate],
    ["showTime", k.showTime],
  ];

  async function queryOrder(order: OrderRef): Promise<Result<VendorOrderState>> {
    const lock = lockDataOf(order.lockVendorData);
    const orderNo = lock?.orderNo ?? (order.vendorOrderId || orderNoOf(order.orderId));
    const res = await read(order.cinema, "qryOrder", [
      ["orderNo", orderNo],
      ["ticketCount", String(lock?.seatIds.length ?? 1)],
    ]);
    if (!res.ok) {
      // The vendor knows no such order: the lock itself never took effect.
      if (res.error.code !== "auth_failed" && /订单不存在|不存在该订单|无此订单|not\s*found/i.test(res.error.message)) {
        return ok({ state: "not_found" });
      }
      return res;
    }
    return ok(orderState(child(res.value, "orderDetail"), orderNo));
  }

  const connector: HuofenghuangConnector = {
    vendor: "huofenghuang",
    capabilities: huofenghuangCapabilities,
    recovery: huofenghuangRecovery,
    cards: huofenghuangMembers(client),

    /** qryCinema naming no cinema: the cinemas this account sees (inferred; the refs show the reply only). */
    async ping() {
      const res = await client.call({ method: "qryCinema" });
      return res.ok ? ok({ cinemaCount: list(res.value.reply.body, "cinemas", "cinema").length }) : res;
    },

    listCinemas: accountCinemas,

    async getCinema(cinema) {
      const res = await read(cinema, "qryCinema", []);
      if (!res.ok) return res;
      const found = list(res.value, "cinemas", "cinema")
        .map(toCinema)
        .find((c) => c?.vendorCinemaId === cinema.vendorCinemaId);
      return found ? ok(found) : fail("not_found", `火凤凰 lists no cinema with link id ${cinema.vendorCinemaId}`);
    },

    /** 火凤凰 lists films only inside shows: the films of the shows of today and the next six days. */
    async listFilms(cinema) {
      const today = businessDayOf(now());
      const res = await shows(cinema, today, addDays(today, 6));
      if (!res.ok) return res;
      const films = new Map<string, VendorFilm>();
      for (const s of res.value) {
        const f = toFilm(s);
        if (f && !films.has(f.vendorFilmId)) films.set(f.vendorFilmId, f);
      }
      return ok([...films.values()]);
    },

    async listShowtimes(query) {
      const res = await shows(query.cinema, query.fromDate, query.toDate);
      if (!res.ok) return res;
      return ok(
        res.value
          .map(toShowtime)
          .filter((s): s is VendorShowtime => s !== undefined)
          .filter((s) => {
            const day = businessDayOf(s.startsAt);
            return day >= query.fromDate && day <= query.toDate;
          }),
      );
    },

    getSeatLayout: (cinema, vendorHallId) => layout(cinema, vendorHallId),

    /** qryTicket per priced section of the show: it lists only the seats that cannot be had. */
    async getSeatStatus(cinema, showtime) {
      const key = showKeyOf(showtime.vendorData);
      if (!key) return fail("invalid_request", "火凤凰 showtime without its show key (hall, film, seq, date, time)");
      const map: SeatStatusMap = {};
      for (const sectionId of key.sections) {
        const res = await read(cinema, "qryTicket", [
          ...showParams(key).slice(0, 1),
          ["sectionId", sectionId],
          ...showParams(key).slice(1),
        ]);
        if (!res.ok) return res;
        toSeatStatus(sectionId, child(res.value, "showSeats"), map);
      }
      return ok(map);
    },

    /** The show's priced sections other than the ordinary one, and the hall seats in them. */
    async getShowtimeAreas(cinema, showtime) {
      const priced = new Map((showtime.areaPrices ?? []).map((a) => [a.areaId, a.areaName ?? a.areaId]));
      if (priced.size === 0) return ok({ areas: [], seatAreas: {} });
      const res = await layout(cinema, showtime.vendorHallId);
      if (!res.ok) return res;
      const seatAreas: Record<string, string> = {};
      for (const s of res.value.seats) if (s.areaId && priced.has(s.areaId)) seatAreas[s.vendorSeatId] = s.areaId;
      return ok({ areas: [...priced].map(([id, name]) => ({ id, name })), seatAreas });
    },

    /** webLockSeat under our orderNo: one section per lock (the call takes one sectionId). */
    async lock(req) {
      if (req.seats.length === 0 || req.seats.length > MAX_SEATS) {
        return fail("invalid_request", `火凤凰 locks 1 to ${MAX_SEATS} seats per order, not ${req.seats.length}`);
      }
      if (now() >= req.showtime.stopSellingAt)
        return fail("showtime_closed", "the showtime has passed its stop-selling time");
      const key = showKeyOf(req.showtime.vendorData);
      if (!key) return fail("invalid_request", "火凤凰 showtime without its show key (hall, film, seq, date, time)");
      const seats = req.seats.map((s) => parseSeatKey(s.vendorSeatId));
      if (seats.some((s) => s === undefined)) return fail("invalid_request", "火凤凰 seat ids are section:row:column");
      const sections = new Set(seats.map((s) => s!.sectionId));
      if (sections.size !== 1) return fail("invalid_request", "火凤凰 locks the seats of one section per order");
      const sectionId = [...sections][0]!;
      const orderNo = orderNoOf(req.orderId);
      const res = await read(
        req.cinema,
        "webLockSeat",
        [
          ["orderNo", orderNo],
          ["ticketCount", String(seats.length)],
          ["hallId", key.hallId],
          ["sectionId", sectionId],
          ["filmId", key.filmId],
          ["showSeqNo", key.showSeqNo],
          ["showDate", key.showDate],
          ["showTime", key.showTime],
          ["seatId", seats.map((s) => `${s!.rowId}:${s!.columnId}`).join("|")],
          ["lockMinuteTime", LOCK_MINUTES],
        ],
        true,
      );
      if (!res.ok) return res;
      const lockedUntil = now() + LOCK_TTL_MS;
      const data: LockData = {
        orderNo,
        show: key,
        sectionId,
        seatIds: req.seats.map((s) => s.vendorSeatId),
        lockedUntil,
      };
      return ok({ vendorLockId: orderNo, lockedUntil, vendorData: { ...data } });
    },

    async release(order) {
      const lock = lockDataOf(order.lockVendorData);
      const res = await read(
        order.cinema,
        "webUnlockSeat",
        [
          // After a lock whose answer was lost there is no lock id, but the orderNo is ours: derive it.
          ["orderNo", lock?.orderNo ?? (order.vendorLockId || orderNoOf(order.orderId))],
          ["ticketCount", String(lock?.seatIds.length ?? 1)],
        ],
        true,
      );
      if (res.ok) return ok(undefined);
      // The lock lapsed or was released already: the seats are free, nothing is left to do.
      if (res.error.code !== "auth_failed" && /不存在|已过期|已失效|已解锁/.test(res.error.message))
        return ok(undefined);
      return res;
    },

    /**
     * fixCashOrder under the lock's orderNo, each seat at its settle price and fee (yuan). A reply
     * with bookingId is issued; without it, pending. A lost answer is outcome_unknown and the
     * recovery policy asks qryOrder — never a second fixCashOrder.
     */
    async confirm(req) {
      const lock = lockDataOf(req.lockVendorData);
      const key = lock?.show ?? showKeyOf(req.showtime.vendorData);
      if (!key) return fail("invalid_request", "火凤凰 confirm without the lock's show key");
      const orderNo = lock?.orderNo ?? req.vendorLockId;
      const ids = await idsOf(req.cinema);
      if (!ids.ok) return ids;
      const res = await client.call({
        method: "fixCashOrder",
        sideEffect: true,
        cinema: ids.value,
        params: [
          ["orderNo", orderNo],
          ["ticketCount", String(req.seats.length)],
          ["hallId", key.hallId],
          ["filmId", key.filmId],
          ["showSeqNo", key.showSeqNo],
          ["showDate", key.showDate],
          ["showTime", key.showTime],
          ["ticketTypeList", req.seats.map(() => TICKET_TYPE).join("|")],
          ["priceList", req.seats.map((s) => yuanText(s.settleFen)).join("|")],
          ["feeList", req.seats.map((s) => yuanText(s.serviceFeeFen)).join("|")],
          ["phoneNo", req.mobile],
        ],
        mask: [req.mobile],
      });
      return res.ok ? ok(saleState(res.value.reply.body, orderNo)) : res;
    },

    queryOrder,

    /** cancelOrder with the booking's codes and show; only an issued order is refunded. */
    async refund(order) {
      const current = await queryOrder(order);
      if (!current.ok) return current;
      if (current.value.state !== "issued") {
        return fail("order_state", `火凤凰 order is ${current.value.state}, not issued: nothing to refund`);
      }
      const lock = lockDataOf(order.lockVendorData);
      const key = lock?.show ?? showKeyOf(order.showtime.vendorData);
      if (!key) return fail("invalid_request", "火凤凰 refund without the order's show key");
      const sectionId = lock?.sectionId ?? parseSeatKey(current.value.tickets[0]?.vendorSeatId ?? "")?.sectionId ?? "";
      const res = await read(
        order.cinema,
        "cancelOrder",
        [
          ["bookingId", current.value.pickup.printCode ?? ""],
          ["ticketCount", String(current.value.tickets.length || (lock?.seatIds.length ?? 1))],
          ["hallId", key.hallId],
          ["filmId", key.filmId],
          ["showSeqNo", key.showSeqNo],
          ["showDate", key.showDate],
          ["showTime", key.showTime],
          ["sectionId", sectionId],
        ],
        true,
      );
      if (!res.ok) {
        if (
          res.error.code !== "auth_failed" &&
          /退票|不能退|不可退|不允许|已出票|已取票|已打印/.test(res.error.message) &&
          res.error.code !== "not_found"
        ) {
          return { ok: false, error: { ...res.error, code: "refund_refused" } };
        }
        return res;
      }
      return ok({ state: "refunded", vendorOrderId: current.value.vendorOrderId });
    },

    /** From qryOrder's seats' printedFlg (fixTicketPrint would mark them printed, so it is not asked). */
    async printStatus(order: OrderRef) {
      const current = await queryOrder(order);
      if (!current.ok) return current;
      if (current.value.state !== "issued") return fail("order_state", `火凤凰 order is ${current.value.state}`);
      return ok({ printed: current.value.printed ?? false });
    },

    close: async () => {
      await hosts.close();
    },
  };
  return connector;
}
