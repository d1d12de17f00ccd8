import type { Static } from "@sinclair/typebox";
import type { VendorCinema, VendorShowtime } from "../../domain/catalog.js";
import { fail, ok, type Result } from "../../domain/errors.js";
import type { CinemaRef, OrderRef, VendorOrderState } from "../../domain/trade.js";
import { accountTransport } from "../account-transport.js";
import type { Capabilities, CinemaConnector, ShowtimeQuery } from "../connector.js";
import type { ConnectorOptions } from "../descriptor.js";
import { inQueryRange } from "../showtime-range.js";
import { MoviefanClient } from "./client.js";
import { type MoviefanCredentials, moviefanCapabilities } from "./descriptor.js";
import {
  type MoviefanFilm,
  type MoviefanLocation,
  orderDetailOf,
  seatName,
  toCinema,
  toFilm,
  toHall,
  toLayout,
  toLocation,
  toOrderState,
  toSeatStatus,
  toShowtime,
} from "./mapping.js";
import { moviefanRecovery } from "./recovery.js";
import { int, list, obj, str } from "./wire.js";

export { moviefanRecovery, moviefanReturnWatch } from "./recovery.js";

/** `baseUrl`: the host root (`http://test.api.moviefan.com.cn`) or the document's `…/api/` address. */
export type MoviefanOptions = ConnectorOptions<Static<typeof MoviefanCredentials>>;

/** queryCinemas pages hold 100 cinemas ("每页100条"). */
export const CINEMA_PAGE_SIZE = 100;
/** "每次最多允许锁定4个座位". */
export const MAX_SEATS = moviefanCapabilities.maxSeatsPerOrder;
/** "锁座有效期15分钟". */
export const LOCK_TTL_MS = moviefanCapabilities.lockTtlMs;

/** The document states "不支持退票，更换场次": no refund, no showtime change (the contract has no method for the latter). */
export interface MoviefanCapabilities extends Capabilities {
  changeShowtime: false;
}

export interface MoviefanConnector extends CinemaConnector<"moviefan"> {
  readonly vendor: "moviefan";
  readonly capabilities: MoviefanCapabilities;
  /** queryLocations: provinces, cities and counties. */
  listLocations(): Promise<Result<MoviefanLocation[]>>;
  /** queryMovie: one film, versions and genres mapped through the document's tables. */
  getFilm(vendorFilmId: string): Promise<Result<MoviefanFilm>>;
  close(): Promise<void>;
}

const seatIdsOf = (data: Record<string, unknown> | undefined): string[] =>
  Array.isArray(data?.seatIDs) ? data.seatIDs.filter((s): s is string => typeof s === "string") : [];

/**
 * 电影票友 Moviefan channel API (vendor doc 001). Moviefan's showtimes must not be fetched live for
 * display ("上线后渠道购票产品不允许实时请求接口获取场次数据并直接展示"): listShowtimes is for the sync
 * engine (every 30 minutes), never for a channel request.
 */
export function createMoviefanConnector(opts: MoviefanOptions): MoviefanConnector {
  const transport = accountTransport("moviefan", opts, [opts.credentials.secret]);
  const client = new MoviefanClient(transport, opts.baseUrl, opts.credentials.channelCode, opts.credentials.secret);

  async function queryShows(cinema: CinemaRef): Promise<Result<VendorShowtime[]>> {
    const res = await client.call("queryShows", { cinemaID: cinema.vendorCinemaId });
    if (!res.ok) return res;
    return ok(
      list(res.value.body, "shows")
        .map(toShowtime)
        .filter((s): s is VendorShowtime => s !== undefined),
    );
  }

  async function queryShowSeats(showtimeId: string) {
    const res = await client.call("queryShowSeats", { showtimeID: showtimeId });
    return res.ok ? ok(list(res.value.body, "seats")) : res;
  }

  async function queryOrder(orderExternalID: string, seatIds: readonly string[]): Promise<Result<VendorOrderState>> {
    const res = await client.call("queryOrder", { orderExternalID });
    if (!res.ok) {
      return res.error.code === "not_found" ? ok({ state: "not_found" }) : res;
    }
    const detail = orderDetailOf(res.value.body);
    if (!detail) return fail("vendor_unavailable", "queryOrder answer has no orderDetail", "no_order_detail");
    return ok(toOrderState(detail, seatIds));
  }

  async function cityNames(): Promise<Map<string, string>> {
    const res = await client.call("queryLocations");
    const names = new Map<string, string>();
    if (res.ok) for (const l of list(res.value.body, "locations").map(toLocation)) names.set(l.locationId, l.name);
    return names;
  }

  const connector: MoviefanConnector = {
    vendor: "moviefan",
    capabilities: { ...moviefanCapabilities, changeShowtime: false },
    recovery: moviefanRecovery,

    async ping() {
      const res = await client.call("queryCinemas", { pageIndex: "1" });
      if (!res.ok) return res;
      return ok({ cinemaCount: int(res.value.body, "totalCount") });
    },

    async listLocations() {
      const res = await client.call("queryLocations");
      return res.ok ? ok(list(res.value.body, "locations").map(toLocation)) : res;
    },

    /** Every page of 100 until totalCount is reached or a page comes back empty. */
    async listCinemas() {
      const names = await cityNames();
      const cinemas: VendorCinema[] = [];
      for (let page = 1; ; page++) {
        const res = await client.call("queryCinemas", { pageIndex: String(page) });
        if (!res.ok) return res;
        const rows = list(res.value.body, "cinemas");
        cinemas.push(...rows.map((w) => toCinema(w, names)));
        const total = int(res.value.body, "totalCount");
        if (rows.length === 0 || (total !== undefined && cinemas.length >= total) || rows.length < CINEMA_PAGE_SIZE) {
          break;
        }
      }
      return ok(cinemas);
    },

    async getCinema(cinema) {
      const res = await client.call("queryCinema", { cinemaID: cinema.vendorCinemaId });
      if (!res.ok) return res;
      const w = obj(res.value.body, "cinema");
      if (!w) return fail("not_found", `Moviefan has no cinema ${cinema.vendorCinemaId}`);
      const halls = await client.call("queryHalls", { cinemaID: cinema.vendorCinemaId });
      if (!halls.ok) return halls;
      return ok({ ...toCinema(w), halls: list(halls.value.body, "halls").map(toHall) });
    },

    /** queryMovies is the whole Moviefan film list; it is not per cinema. */
    async listFilms() {
      const res = await client.call("queryMovies");
      return res.ok ? ok(list(res.value.body, "movies").map(toFilm)) : res;
    },

    async getFilm(vendorFilmId) {
      const res = await client.call("queryMovie", { movieID: vendorFilmId });
      if (!res.ok) return res;
      const w = obj(res.value.body, "movie");
      return w ? ok(toFilm(w)) : fail("not_found", `Moviefan has no movie ${vendorFilmId}`);
    },

    /** queryShows lists every current showtime of the cinema; the business days asked are kept. */
    async listShowtimes(query: ShowtimeQuery) {
      const res = await queryShows(query.cinema);
      if (!res.ok) return res;
      return ok(inQueryRange(res.value, query));
    },

    /**
     * Moviefan has no hall-layout call: the layout comes from queryShowSeats of a showtime in the
     * hall (the one given, else the first current showtime of that hall).
     */
    async getSeatLayout(cinema, vendorHallId, showtime) {
      let showtimeId = showtime?.vendorShowtimeId;
      if (!showtimeId) {
        const shows = await queryShows(cinema);
        if (!shows.ok) return shows;
        showtimeId = shows.value.find((s) => s.vendorHallId === vendorHallId)?.vendorShowtimeId;
        if (!showtimeId) return fail("not_found", `no current showtime in hall ${vendorHallId} to read its seats from`);
      }
      const seats = await queryShowSeats(showtimeId);
      return seats.ok ? ok(toLayout(vendorHallId, seats.value)) : seats;
    },

    async getSeatStatus(_cinema, showtime) {
      const seats = await queryShowSeats(showtime.vendorShowtimeId);
      return seats.ok ? ok(toSeatStatus(seats.value)) : seats;
    },

    async lock(req) {
      if (req.seats.length === 0 || req.seats.length > MAX_SEATS) {
        return fail("invalid_request", `Moviefan locks 1 to ${MAX_SEATS} seats per order, not ${req.seats.length}`);
      }
      if (!req.mobile) return fail("invalid_request", "Moviefan lockSeats needs the buyer's mobile");
      if (opts.clock.now() >= req.showtime.stopSellingAt) {
        return fail("showtime_closed", "the showtime has passed its stop-selling time (ticketEndTime)");
      }
      const seatIDs = req.seats.map((s) => s.vendorSeatId);
      const res = await client.call("lockSeats", {
        showtimeID: req.showtime.vendorShowtimeId,
        seatIDs: seatIDs.join(","),
        seatNames: req.seats.map((s) => seatName(s.rowLabel, s.colLabel)).join(","),
        mobile: req.mobile,
      });
      if (!res.ok) return res;
      const id = str(obj(res.value.body, "order"), "orderExternalID") ?? str(res.value.body, "orderExternalID");
      if (!id) return fail("outcome_unknown", "lockSeats succeeded without an orderExternalID", "no_order_id");
      return ok({
        vendorLockId: id,
        lockedUntil: opts.clock.now() + LOCK_TTL_MS,
        vendorData: { orderExternalID: id, seatIDs },
      });
    },

    async release(order) {
      const res = await client.call("releaseSeats", { orderExternalID: order.vendorLockId });
      return res.ok ? ok(undefined) : res;
    },

    /**
     * submitOrder, then one queryOrder: a successful submit only means "paid, waiting for the cinema".
     * A failed submit is followed by a query as the document advises; if the order shows as paid it
     * is pending (keep polling), otherwise the submit's error stands. A lost answer is
     * outcome_unknown; the recovery policy resolves it by querying.
     */
    async confirm(req) {
      const orderExternalID = req.vendorLockId;
      const seatIds = seatIdsOf(req.lockVendorData);
      const submitted = await client.call("submitOrder", {
        mobile: req.mobile,
        amount: String(req.totalFen),
        orderExternalID,
      });
      if (!submitted.ok && submitted.error.code === "outcome_unknown") return submitted;
      const after = await client.call("queryOrder", { orderExternalID });
      const detail = after.ok ? orderDetailOf(after.value.body) : undefined;
      if (submitted.ok) {
        return ok(detail ? toOrderState(detail, seatIds) : { state: "pending", vendorOrderId: orderExternalID });
      }
      if (detail && (int(detail, "payState") === 1 || int(detail, "externalOrderStatus") === 30)) {
        return ok(toOrderState(detail, seatIds));
      }
      return submitted;
    },

    queryOrder(order: OrderRef) {
      return queryOrder(order.vendorOrderId ?? order.vendorLockId, seatIdsOf(order.lockVendorData));
    },

    close: () => transport.close(),
  };
  return connector;
}
