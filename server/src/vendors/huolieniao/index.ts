import type { Static } from "@sinclair/typebox";
import { fail, ok, type Result } from "../../domain/errors.js";
import { fenToYuan } from "../../domain/money.js";
import { addDays, businessDayOf, parseChinaLocal } from "../../domain/time.js";
import type { CinemaRef, ConfirmRequest, OrderRef, VendorOrderState } from "../../domain/trade.js";
import { accountTransport } from "../account-transport.js";
import type { CinemaConnector } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import { inQueryRange } from "../showtime-range.js";
import { child, list, str, type Wire } from "../wire/read.js";
import { OtsClient } from "./client.js";
import { REFUND_REFUSED } from "./codes.js";
import { type HuolieniaoCredentials, huolieniaoCapabilities } from "./descriptor.js";
import { CHANNEL, HUOLIENIAO_ONLY, HUOLIENIAO_OPS, type OperationNames } from "./extensions.js";
import { toCinema, toFilm, toLayout, toOrderState, toSeatStatus, toShowtime } from "./mapping.js";
import { HuolieniaoMembers } from "./members.js";
import { huolieniaoRecovery } from "./recovery.js";
import { passwordMd5 } from "./signing.js";
import { type El, leaf } from "./standard.js";

export { huolieniaoRecovery } from "./recovery.js";

/** `baseUrl`: `http://host:port` or the full service address ending in `/scts.service/webservice/query`. */
export type HuolieniaoOptions = ConnectorOptions<Static<typeof HuolieniaoCredentials>> & {
  /** Operation names: 火烈鸟's by default; STANDARD_OPS for a plain national-standard server. */
  ops?: OperationNames;
};

/** What lock hands to confirm, release and query (the lock's own codes, nothing personal). */
interface LockData {
  orderCode: string;
  sessionCode: string;
  seatCodes: string[];
}

/** How far ahead listFilms looks (QueryFilm takes a date range). */
const FILM_DAYS = 7;
/** Our channel's name on SubmitSCTSOrder (a 火烈鸟 extension field; the value is ours). */
const CHANNEL_NAME = "Cinegate";

const lockDataOf = (data: Record<string, unknown> | undefined, ref: OrderRef | ConfirmRequest): LockData => ({
  orderCode: typeof data?.orderCode === "string" ? data.orderCode : ref.vendorLockId,
  sessionCode: typeof data?.sessionCode === "string" ? data.sessionCode : ref.showtime.vendorShowtimeId,
  seatCodes: Array.isArray(data?.seatCodes) ? data.seatCodes.filter((s): s is string => typeof s === "string") : [],
});

const seatEls = (
  codes: readonly string[],
  extra: (code: string, i: number) => Record<string, string> = () => ({}),
): El[] => codes.map((code, i) => ({ name: "Seat", attrs: { SeatCode: code, ...extra(code, i) } }));

export interface TakeTicketInfo {
  printed: boolean;
  /** Per seat: the QR payload (TwoCode) a kiosk reads. */
  seats: Array<{ seatCode: string; qrPayload?: string }>;
}

export interface HuolieniaoConnector extends CinemaConnector<"huolieniao"> {
  refund(order: OrderRef, reason: string): Promise<Result<VendorOrderState>>;
  printStatus(order: OrderRef): Promise<Result<{ printed: boolean }>>;
  /** DQueryTakeTicketInfo (火烈鸟; standard QueryPrint): print flag and per-seat QR payloads. */
  takeTicketInfo(cinema: CinemaRef, printNo: string, verifyCode: string): Promise<Result<TakeTicketInfo>>;
  /** DTakeTicketConfirm (火烈鸟 only): marks the tickets taken, e.g. after printing them ourselves. */
  takeTicketConfirm(cinema: CinemaRef, printNo: string, verifyCode: string): Promise<Result<void>>;
  /** The v1.5 member-card API (火烈鸟 extension, JSON over form POST); config_error without memberKey. */
  readonly cards: HuolieniaoMembers;
  close(): Promise<void>;
}

/**
 * 火烈鸟 v1.5 over the 2013 national-standard SOAP interface, from public references only
 * (public-refs §6; what is inferred and unknown is in docs/vendors/huolieniao.md).
 */
export function createHuolieniaoConnector(opts: HuolieniaoOptions): HuolieniaoConnector {
  const { username, password, memberKey } = opts.credentials;
  // The md5 of the password travels in every query and is as good as the password: masked too.
  const transport = accountTransport("huolieniao", opts, [
    password,
    passwordMd5(password),
    ...(memberKey ? [memberKey] : []),
  ]);
  const client = new OtsClient(transport, opts.baseUrl, username, password, opts.clock);
  const ops = opts.ops ?? HUOLIENIAO_OPS;
  const cinemaCode = (c: CinemaRef) => c.vendorCinemaId;

  async function queryOrder(cinema: CinemaRef, orderCode: string): Promise<Result<Wire>> {
    const res = await client.call("QueryOrder", { CinemaCode: cinemaCode(cinema) }, [leaf("OrderCode", orderCode)]);
    if (!res.ok) return res;
    const order = child(res.value.reply, "Order");
    return order ? ok(order) : fail("vendor_unavailable", "QueryOrder answered without an Order", "no_order");
  }

  const connector: HuolieniaoConnector = {
    vendor: "huolieniao",
    capabilities: huolieniaoCapabilities,
    recovery: huolieniaoRecovery,

    /** No cinema list exists in the interface: ping reads the films of today (no cinema needed). */
    async ping() {
      const today = businessDayOf(opts.clock.now());
      const res = await client.call("QueryFilm", {}, [leaf("StartDate", today), leaf("EndDate", today)]);
      return res.ok ? ok({}) : res;
    },

    async getCinema(cinema) {
      const res = await client.call("QueryCinema", { CinemaCode: cinemaCode(cinema) });
      if (!res.ok) return res;
      const w = child(res.value.reply, "Cinema");
      return w ? ok(toCinema(w)) : fail("not_found", `火烈鸟 has no cinema ${cinemaCode(cinema)}`, "no_cinema");
    },

    /** QueryFilm has no cinema: the films of the account's sessions in the coming week. */
    async listFilms() {
      const today = businessDayOf(opts.clock.now());
      const res = await client.call("QueryFilm", {}, [
        leaf("StartDate", today),
        leaf("EndDate", addDays(today, FILM_DAYS)),
      ]);
      return res.ok ? ok(list(res.value.reply, "Films", "Film").map(toFilm)) : res;
    },

    /**
     * StartDate / EndDate are natural (calendar) days, ours are business days (06:00–05:59): ask one
     * natural day more and keep the showtimes of the business days asked.
     */
    async listShowtimes(query) {
      const res = await client.call(ops.querySession, {
        CinemaCode: cinemaCode(query.cinema),
        StartDate: query.fromDate,
        EndDate: addDays(query.toDate, 1),
      });
      if (!res.ok) return res;
      const now = opts.clock.now();
      return ok(
        inQueryRange(
          list(res.value.reply, "Sessions", "Session").map((w) => toShowtime(w, now)),
          query,
        ),
      );
    },

    async getSeatLayout(cinema, vendorHallId) {
      const res = await client.call("QuerySeat", { CinemaCode: cinemaCode(cinema), ScreenCode: vendorHallId });
      return res.ok ? ok(toLayout(vendorHallId, list(res.value.reply, "Cinema", "Screen", "Seat"))) : res;
    },

    async getSeatStatus(cinema, showtime) {
      const res = await client.call("QuerySessionSeat", {
        CinemaCode: cinemaCode(cinema),
        SessionCode: showtime.vendorShowtimeId,
        Status: "All",
      });
      return res.ok ? ok(toSeatStatus(list(res.value.reply, "SessionSeat", "Seat"))) : res;
    },

    async lock(req) {
      const max = huolieniaoCapabilities.maxSeatsPerOrder;
      if (req.seats.length === 0 || req.seats.length > max)
        return fail("invalid_request", `火烈鸟 orders take 1 to ${max} seats, not ${req.seats.length}`);
      const now = opts.clock.now();
      if (now >= req.showtime.stopSellingAt) return fail("showtime_closed", "the showtime has stopped selling");
      const seatCodes = req.seats.map((s) => s.vendorSeatId);
      const sessionCode = req.showtime.vendorShowtimeId;
      const res = await client.call(
        "LockSeat",
        { CinemaCode: cinemaCode(req.cinema) },
        [
          {
            name: "Order",
            children: [
              leaf("SessionCode", sessionCode),
              leaf("Count", String(seatCodes.length)),
              ...seatEls(seatCodes),
            ],
          },
        ],
        "write",
      );
      if (!res.ok) return res;
      const order = child(res.value.reply, "Order");
      const orderCode = str(order, "OrderCode");
      if (!orderCode) return fail("vendor_unavailable", "LockSeat succeeded without an OrderCode", "no_order_code");
      const data: LockData = { orderCode, sessionCode, seatCodes };
      return ok({ vendorLockId: orderCode, lockedUntil: lockedUntil(order, now), vendorData: { ...data } });
    },

    async release(order) {
      const d = lockDataOf(order.lockVendorData, order);
      const res = await client.call(
        "ReleaseSeat",
        { CinemaCode: cinemaCode(order.cinema) },
        [
          {
            name: "Order",
            children: [
              leaf("OrderCode", d.orderCode),
              leaf("SessionCode", d.sessionCode),
              leaf("Count", String(d.seatCodes.length)),
              ...seatEls(d.seatCodes),
            ],
          },
        ],
        "write",
      );
      return res.ok ? ok(undefined) : res;
    },

    /**
     * SubmitSCTSOrder once. PrintNo + VerifyCode in its answer is an issued order; without them it is
     * pending (asked again by the recovery policy); a lost or unreadable answer is outcome_unknown,
     * settled by QueryOrder — never by sending the sale again. Price and PayPrice both carry the
     * settle price we declare (our channel's own margin is not the vendor's business).
     */
    async confirm(req) {
      const d = lockDataOf(req.lockVendorData, req);
      const prices = new Map(req.seats.map((s) => [s.vendorSeatId, fenToYuan(s.settleFen)]));
      const seatCodes = req.seats.map((s) => s.vendorSeatId);
      const res = await client.call(
        ops.submitOrder,
        { CinemaCode: cinemaCode(req.cinema) },
        [
          {
            name: "Order",
            children: [
              leaf("OrderCode", d.orderCode),
              leaf("SessionCode", d.sessionCode),
              leaf("Count", String(seatCodes.length)),
              leaf(CHANNEL.id, username),
              leaf(CHANNEL.name, CHANNEL_NAME),
              ...seatEls(seatCodes, (code) => ({ Price: prices.get(code)!, PayPrice: prices.get(code)! })),
            ],
          },
        ],
        "money",
      );
      if (!res.ok) return res;
      const order = child(res.value.reply, "Order");
      if (!order) return fail("outcome_unknown", `${ops.submitOrder} answered without an Order`, "no_order");
      const state = toOrderState(order, seatCodes);
      return ok(
        state.state === "pending" ? { state: "pending", vendorOrderId: str(order, "OrderCode") ?? d.orderCode } : state,
      );
    },

    async queryOrder(order) {
      const d = lockDataOf(order.lockVendorData, order);
      const q = await queryOrder(order.cinema, order.vendorOrderId ?? d.orderCode);
      return q.ok ? ok(toOrderState(q.value, d.seatCodes)) : q;
    },

    /**
     * RefundTicket takes PrintNo + VerifyCode, which QueryOrder gives back. A refusal (Status No, or
     * a refusing text: printed, too late) is refund_refused with the vendor's text.
     */
    async refund(order) {
      const d = lockDataOf(order.lockVendorData, order);
      const q = await queryOrder(order.cinema, order.vendorOrderId ?? d.orderCode);
      if (!q.ok) return q;
      const now = toOrderState(q.value, d.seatCodes);
      if (now.state === "refunded") return ok(now);
      if (now.state !== "issued")
        return fail("order_state", `火烈鸟 shows no PrintNo / VerifyCode for this order: ${now.state}`, "no_print_no");
      const { printCode = "", verifyCode = "" } = now.pickup;
      const res = await client.call(
        "RefundTicket",
        {},
        [{ name: "Order", children: [leaf("PrintNo", printCode), leaf("VerifyCode", verifyCode)] }],
        "money",
        [verifyCode],
      );
      if (!res.ok) {
        if (res.error.code !== "outcome_unknown" && REFUND_REFUSED.test(res.error.message))
          return { ok: false, error: { ...res.error, code: "refund_refused" } };
        return res;
      }
      const answer = child(res.value.reply, "Order");
      if (str(answer, "Status") !== "Yes")
        return fail(
          "refund_refused",
          `火烈鸟 RefundTicket answered Status ${str(answer, "Status") ?? "(none)"}`,
          "Status=No",
        );
      return ok({ state: "refunded", vendorOrderId: str(answer, "OrderCode") ?? now.vendorOrderId });
    },

    async printStatus(order) {
      const d = lockDataOf(order.lockVendorData, order);
      const q = await queryOrder(order.cinema, order.vendorOrderId ?? d.orderCode);
      if (!q.ok) return q;
      const seats = list(q.value, "Seats", "Seat");
      return ok({ printed: seats.length > 0 && seats.every((s) => str(s, "PrintStatus") === "Yes") });
    },

    async takeTicketInfo(cinema, printNo, verifyCode) {
      const res = await client.call(
        ops.queryPrint,
        { CinemaCode: cinemaCode(cinema) },
        [leaf("PrintNo", printNo), leaf("VerifyCode", verifyCode)],
        "read",
        [verifyCode],
      );
      if (!res.ok) return res;
      return ok({
        printed: str(res.value.reply, "PrintFlag") === "1",
        seats: list(res.value.reply, "TakeTicketInfo").map((t) => ({
          seatCode: str(t, "SeatCode") ?? "",
          ...(str(t, "TwoCode") ? { qrPayload: str(t, "TwoCode") } : {}),
        })),
      });
    },

    async takeTicketConfirm(cinema, printNo, verifyCode) {
      const res = await client.call(
        HUOLIENIAO_ONLY.takeTicketConfirm,
        { CinemaCode: cinemaCode(cinema) },
        [leaf("PrintNo", printNo), leaf("VerifyCode", verifyCode)],
        "write",
        [verifyCode],
      );
      return res.ok ? ok(undefined) : res;
    },

    cards: new HuolieniaoMembers(transport, opts.baseUrl, username, memberKey, opts.clock),

    close: () => transport.close(),
  };
  return connector;
}

/** The lock's end as 火烈鸟 states it (AutoUnlockDatetime, its clock); the capability's default without it. */
function lockedUntil(order: Wire | undefined, now: number): number {
  const at = str(order, "AutoUnlockDatetime");
  if (at) {
    try {
      return parseChinaLocal(at);
    } catch {
      // unreadable: the default decides
    }
  }
  return now + huolieniaoCapabilities.lockTtlMs;
}
