import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import type { LockRequest, OrderRef } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import type { CinemaConnector } from "../../../src/vendors/connector.js";
import { createVistaConnector, type VistaSettings } from "../../../src/vendors/vista/index.js";
import { CannedVista } from "./canned.js";
import * as doc from "./docs-examples.js";

const TOKEN = "vista-secret-token-5f1c9a";
const CLIENT = { clientClass: "RSP", clientId: "111.111.111.111", clientName: "3rdParty" };
const CLIENT_FIELDS = {
  OptionalClientClass: "RSP",
  OptionalClientId: "111.111.111.111",
  OptionalClientName: "3rdParty",
};
/** 2015-08-06 10:11 China time, when the §3.11 sample booking was made. */
const NOW = parseChinaLocal("2015-08-06 10:11:00");
const SHOW = 1438829400000; // ShowingRealDateTime of the §3.5 sample, 10:50

describe("VISTA connector on the document's examples", () => {
  const vista = new CannedVista();
  let recorder: RingCallRecorder;
  let now = NOW;
  const make = (settings?: VistaSettings): CinemaConnector =>
    createVistaConnector({
      baseUrl: vista.url,
      accountId: "acc-vista",
      credentials: { token: TOKEN, ...CLIENT },
      clock: { now: () => now },
      recorder,
      timeoutMs: 800,
      ...(settings ? { settings } : {}),
    });
  const cinema = { vendorCinemaId: "0200" };
  const showtime = { vendorShowtimeId: "29617", vendorHallId: "1", startsAt: SHOW, stopSellingAt: SHOW };
  const lockReq = (seats: string[], settle = 5000, fee = 0): LockRequest => ({
    cinema,
    showtime,
    seats: seats.map((id) => ({ vendorSeatId: id, rowLabel: "", colLabel: "", settleFen: settle, serviceFeeFen: fee })),
    mobile: "13812345678",
    orderId: "FTest201508060001",
  });
  const lockData = {
    userSessionId: "FTest201508060001",
    sessionId: "29617",
    totalValueCents: 10000,
    bookingFeeCents: 0,
    seatIds: ["1-0-1", "1-0-2"],
  };
  const orderRef = (over: Partial<OrderRef> = {}): OrderRef => ({
    cinema,
    showtime,
    orderId: "FTest201508060001",
    vendorLockId: "FTest201508060001",
    lockVendorData: lockData,
    totalFen: 10000,
    ...over,
  });

  beforeAll(async () => {
    await vista.start();
  });
  afterAll(() => vista.close());
  beforeEach(() => {
    vista.reset();
    recorder = new RingCallRecorder();
    now = NOW;
  });

  describe("catalogue", () => {
    it("ping and getCinema query Cinemas with $format, $filter and only the fields used", async () => {
      vista.on("/OData.svc/Cinemas", { json: doc.cinemasSelected });
      const c = make();
      const res = await c.getCinema(cinema);
      const req = vista.last("/OData.svc/Cinemas");
      expect(req.method).toBe("GET");
      expect(req.headers["connectapitoken"]).toBe(TOKEN);
      expect(req.rawQuery).toBe(
        "$format=json&$filter=ID%20eq%20%270200%27&$select=ID,CinemaNationalId,Name,PhoneNumber,Address1,City",
      );
      expect(res).toEqual({
        ok: true,
        value: {
          vendorCinemaId: "0200",
          nationalCode: "1721210",
          name: "CHTEST01",
          cityName: "China",
          address: "Address1",
        },
      });
      const ping = await c.ping();
      expect(vista.last("/OData.svc/Cinemas").rawQuery).toBe("$format=json&$select=ID");
      expect(ping).toEqual({ ok: true, value: { cinemaCount: 1 } });
    });

    it("§3.1: discovery lists what OData.svc/Cinemas returns, with CinemaNationalId; none is an empty list", async () => {
      vista.on("/OData.svc/Cinemas", { json: doc.cinemasSelected });
      const c = make();
      expect(c.capabilities.listCinemas).toBe(true);
      const res = await c.listCinemas!();
      expect(vista.last("/OData.svc/Cinemas").rawQuery).toBe(
        "$format=json&$select=ID,CinemaNationalId,Name,PhoneNumber,Address1,City",
      );
      expect(res).toEqual({
        ok: true,
        value: [
          { vendorCinemaId: "0200", nationalCode: "1721210", name: "CHTEST01", cityName: "China", address: "Address1" },
        ],
      });
      vista.on("/OData.svc/Cinemas", { json: { value: [] } });
      expect(await c.listCinemas!()).toEqual({ ok: true, value: [] });
    });

    it("an unknown cinema ID is not_found", async () => {
      vista.on("/OData.svc/Cinemas", { json: { value: [] } });
      const res = await make().getCinema({ vendorCinemaId: "9999" });
      expect(!res.ok && res.error.code).toBe("not_found");
    });

    it("lists films from GetNowShowingScheduledFilms with the cinemaId parameter, $expand and $select", async () => {
      vista.on("/OData.svc/GetNowShowingScheduledFilms", { json: doc.nowShowing });
      const res = await make().listFilms(cinema);
      expect(vista.last("/OData.svc/GetNowShowingScheduledFilms").rawQuery).toBe(
        "$format=json&cinemaId=%270200%27&$expand=Sessions/Attributes&$select=ScheduledFilmId,Title,ShortCode,RunTime,Sessions/Attributes/Description",
      );
      expect(res).toEqual({
        ok: true,
        value: [
          {
            vendorFilmId: "HO00012501",
            title: "一万年以后(数字 3D)",
            nationalCode: "001200472015",
            durationMinutes: 97,
            versions: ["3D"],
          },
        ],
      });
    });

    it("lists showtimes of the business days asked with their ticket types (area category, PriceInCents)", async () => {
      vista
        .on("/OData.svc/GetNowShowingScheduledFilms", { json: doc.nowShowing })
        .on("/RESTData.svc/cinemas/0200/sessions/34667/tickets", { json: doc.ticketsForSession })
        .on("/RESTData.svc/cinemas/0200/sessions/34668/tickets", { json: doc.ticketsForSession });
      const res = await make({ stopSellingMinutes: 15 }).listShowtimes({
        cinema,
        fromDate: "2016-10-19",
        toDate: "2016-10-19",
      });
      expect(vista.last("/OData.svc/GetNowShowingScheduledFilms").rawQuery).toBe(
        "$format=json&cinemaId=%270200%27&$expand=Sessions/Attributes&$select=ScheduledFilmId,Title,ShortCode,RunTime,Sessions/SessionId,Sessions/Showtime,Sessions/ScreenNumber,Sessions/ScreenName,Sessions/Attributes/Description",
      );
      expect(vista.last("/RESTData.svc/cinemas/0200/sessions/34667/tickets").headers["connectapitoken"]).toBe(TOKEN);
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const first = res.value[0]!;
      const starts = parseChinaLocal("2016-10-19 10:30");
      expect(first).toEqual({
        vendorShowtimeId: "34667",
        vendorHallId: "7",
        hallName: "7号厅",
        vendorFilmId: "HO00012501",
        filmNationalCode: "001200472015",
        filmTitle: "一万年以后(数字 3D)",
        startsAt: starts,
        endsAt: starts + 97 * 60_000,
        stopSellingAt: starts - 15 * 60_000,
        onSale: true,
        version: "3D",
        language: "国语",
        // 0010 标准票 (no channel list) is ours; 0142 is a box-office voucher. 19.9 is not integer cents.
        price: { settleFen: 10000 },
        areaPrices: [{ areaId: "0000000003", areaName: "webTicket 测试用代金券(优选区)", settleFen: 2000 }],
        vendorData: {
          baseAreaCategoryCode: "0000000001",
          ticketTypes: {
            "0000000001": { code: "0010", priceInCents: 10000, description: "标准票" },
            "0000000003": { code: "0043", priceInCents: 2000, description: "webTicket 测试用代金券(优选区)" },
          },
          attributes: ["3D", "国语"],
        },
      });
      expect(res.value.map((s) => s.vendorShowtimeId)).toEqual(["34667", "34668"]);
      const other = await make().listShowtimes({ cinema, fromDate: "2016-10-20", toDate: "2016-10-21" });
      expect(other).toEqual({ ok: true, value: [] });
    });

    it("§2.1: a ticket refresh that times out or an empty listing is an error, never an empty list", async () => {
      vista
        .on("/OData.svc/GetNowShowingScheduledFilms", { json: doc.nowShowing })
        .on("/RESTData.svc/cinemas/0200/sessions/34667/tickets", { json: doc.ticketsForSession })
        .on("/RESTData.svc/cinemas/0200/sessions/34668/tickets", "hang");
      const res = await make().listShowtimes({ cinema, fromDate: "2016-10-19", toDate: "2016-10-19" });
      expect(!res.ok && res.error.code).toBe("vendor_unavailable");
      // §3.3 note 1: the tickets call was tried three times before giving up.
      expect(vista.calls("/RESTData.svc/cinemas/0200/sessions/34668/tickets")).toHaveLength(3);

      vista.on("/OData.svc/GetNowShowingScheduledFilms", { json: { value: [] } });
      const empty = await make().listShowtimes({ cinema, fromDate: "2016-10-19", toDate: "2016-10-19" });
      expect(!empty.ok && empty.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "empty" });
    });

    it("maps the seat plan: logical grid vs physical names, areas, love-seat pairs, statuses", async () => {
      vista.on("/RESTData.svc/cinemas/0200/sessions/29617/seat-plan", { json: doc.seatPlan29617() });
      const c = make();
      const layout = await c.getSeatLayout(cinema, "1", {
        ...showtime,
        vendorFilmId: "HO1",
        onSale: true,
        price: {},
        vendorData: { baseAreaCategoryCode: "0000000001" },
      });
      expect(layout.ok).toBe(true);
      if (!layout.ok) return;
      const l = layout.value;
      expect([l.rows, l.cols]).toEqual([7, 12]);
      expect(l.areas).toEqual([{ id: "0000000003", name: "优选区" }]);
      const byId = new Map(l.seats.map((s) => [s.vendorSeatId, s]));
      // §3.5 note: RowIndex 0 / ColumnIndex 1 and 2 are 7排10座 and 7排9座; row 7 is the farthest.
      expect(byId.get("1-0-1")).toEqual({
        vendorSeatId: "1-0-1",
        rowLabel: "7",
        colLabel: "10",
        x: 2,
        y: 7,
        kind: "normal",
      });
      expect(byId.get("1-0-2")).toMatchObject({ rowLabel: "7", colLabel: "9", x: 3, y: 7 });
      expect(byId.get("2-6-4")).toMatchObject({ rowLabel: "1", y: 1, areaId: "0000000003" });
      expect(byId.get("1-0-5")?.kind).toBe("wheelchair");
      expect(byId.get("1-0-6")?.broken).toBe(true);
      expect(byId.get("1-5-5")).toMatchObject({ kind: "loveLeft", pairSeatId: "1-5-6" });
      expect(byId.get("1-5-6")).toMatchObject({ kind: "loveRight", pairSeatId: "1-5-5" });
      expect(byId.get("1-5-9")).toMatchObject({ kind: "normal" }); // middle of a three-seat sofa
      expect(byId.has("1-0-0")).toBe(false); // (0,0) is an aisle: not returned

      const status = await c.getSeatStatus(cinema, showtime as never);
      expect(status).toEqual({
        ok: true,
        value: { "1-0-3": "sold", "1-0-4": "unavailable", "1-0-6": "unavailable", "1-0-7": "unavailable" },
      });
    });

    it("ResponseCode 67 is showtime_closed and 4 is not_found; a layout needs a session", async () => {
      const c = make();
      vista.on("/RESTData.svc/cinemas/0200/sessions/29617/seat-plan", { json: doc.seatPlanSoldOut });
      const closed = await c.getSeatStatus(cinema, showtime as never);
      expect(!closed.ok && closed.error).toMatchObject({ code: "showtime_closed", vendorCode: "67" });
      vista.on("/RESTData.svc/cinemas/0200/sessions/29617/seat-plan", { json: doc.seatPlanInvalid });
      const invalid = await c.getSeatStatus(cinema, showtime as never);
      expect(!invalid.ok && invalid.error).toMatchObject({ code: "not_found", vendorCode: "4" });
      const noSession = await c.getSeatLayout(cinema, "1");
      expect(!noSession.ok && noSession.error.code).toBe("invalid_request");
    });
  });

  describe("trade", () => {
    const onLockReads = (overrides?: Record<string, number>) =>
      vista
        .on("/RESTData.svc/cinemas/0200/sessions/29617/tickets", { json: doc.ticketsFor29617 })
        .on("/RESTData.svc/cinemas/0200/sessions/29617/seat-plan", { json: doc.seatPlan29617(overrides) });

    it("locks with the §3.5 sample request and confirms: StartExternalPayment, then CompleteOrder for the AddTickets total", async () => {
      onLockReads()
        .on("/RestTicketing.svc/order/tickets", { json: doc.addTicketsResponse })
        .on("/RestTicketing.svc/order/startexternalpayment", { json: doc.startExternalPaymentOk })
        .on("/RestTicketing.svc/order/payment", { json: doc.completeOrderOk });
      const c = make();
      const req = lockReq(["1-0-1", "1-0-2"]);
      const lock = await c.lock(req);
      const add = vista.last("/RestTicketing.svc/order/tickets");
      expect(add.method).toBe("POST");
      expect(add.headers["content-type"]).toBe("application/json");
      expect(add.body).toEqual({ ...doc.addTicketsRequest, ...CLIENT_FIELDS });
      expect(lock).toEqual({
        ok: true,
        value: { vendorLockId: "FTest201508060001", lockedUntil: NOW + 15 * 60_000, vendorData: lockData },
      });
      if (!lock.ok) return;

      const confirmed = await c.confirm({
        ...req,
        vendorLockId: lock.value.vendorLockId,
        lockVendorData: lock.value.vendorData,
        totalFen: 10000,
        attempt: 1,
      });
      expect(vista.last("/RestTicketing.svc/order/startexternalpayment").body).toEqual({
        UserSessionId: "FTest201508060001",
        ...CLIENT_FIELDS,
      });
      expect(vista.last("/RestTicketing.svc/order/payment").body).toEqual({
        UserSessionId: "FTest201508060001",
        PaymentInfo: {
          CardNumber: "9999999999999999",
          CardType: "CreditCard",
          PaymentValueCents: 10000,
          PaymentTenderCategory: "CreditCard",
        },
        PerformPayment: false,
        CustomerPhone: "",
        CustomerEmail: "",
        CustomerName: "",
        ...CLIENT_FIELDS,
      });
      const order = vista.seen.map((s) => s.path.replace("/WSVistaWebClient", ""));
      expect(order.indexOf("/RestTicketing.svc/order/startexternalpayment")).toBeLessThan(
        order.indexOf("/RestTicketing.svc/order/payment"),
      );
      expect(confirmed).toEqual({
        ok: true,
        value: {
          state: "issued",
          vendorOrderId: "WQNX8JL",
          tickets: [{ vendorSeatId: "1-0-1" }, { vendorSeatId: "1-0-2" }],
          pickup: {
            printCode: "0000000000111972",
            verifyCode: "WQNX8JL",
            instructions: expect.stringContaining("0000000000111972"),
          },
        },
      });
    });

    it("sends seats of another area with that area's AreaCategoryCode and ticket type; fees as BookingFeeOverride", async () => {
      onLockReads().on("/RestTicketing.svc/order/tickets", { json: { ...doc.addTicketsResponse, Order: null } });
      const res = await make().lock({
        ...lockReq([]),
        seats: [
          { vendorSeatId: "1-1-1", rowLabel: "6", colLabel: "10", settleFen: 5000, serviceFeeFen: 300 },
          { vendorSeatId: "2-6-4", rowLabel: "1", colLabel: "7", settleFen: 7000, serviceFeeFen: 0 },
        ],
      });
      expect(vista.last("/RestTicketing.svc/order/tickets").body).toMatchObject({
        TicketTypes: [
          { TicketTypeCode: "0056", Qty: 1, PriceInCents: 5000, BookingFeeOverride: 300 },
          { TicketTypeCode: "0057", Qty: 1, PriceInCents: 7000, BookingFeeOverride: null },
        ],
        SelectedSeats: [
          { AreaCategoryCode: "0000000001", AreaNumber: 1, RowIndex: 1, ColumnIndex: 1 },
          { AreaCategoryCode: "0000000003", AreaNumber: 2, RowIndex: 6, ColumnIndex: 4 },
        ],
      });
      expect(res.ok && res.value.vendorData).toMatchObject({ totalValueCents: 12300, bookingFeeCents: 300 });
    });

    it("refuses locally what VISTA would mishandle: no seats, half a sofa, a price other than PriceInCents", async () => {
      onLockReads();
      const c = make();
      const none = await c.lock(lockReq([]));
      expect(!none.ok && none.error.code).toBe("invalid_request");
      const half = await c.lock(lockReq(["1-5-5"]));
      expect(!half.ok && half.error.code).toBe("invalid_request");
      const sofa3 = await c.lock(lockReq(["1-5-8", "1-5-9"]));
      expect(!sofa3.ok && sofa3.error.code).toBe("invalid_request");
      const price = await c.lock(lockReq(["1-0-1"], 4800));
      expect(!price.ok && price.error.code).toBe("price_rejected");
      expect(vista.calls("/RestTicketing.svc/order/tickets")).toHaveLength(0);
    });

    it("maps the §3.5 price-override refusal (Result 4) to price_rejected", async () => {
      onLockReads().on("/RestTicketing.svc/order/tickets", { json: doc.addTicketsPriceRefused });
      const res = await make().lock(lockReq(["1-0-1"]));
      expect(!res.ok && res.error).toMatchObject({ code: "price_rejected", vendorCode: "4" });
    });

    it("§2.2 Result 8: reloads the seat plan — taken seats are seat_unavailable, free-looking seats mean the session closed", async () => {
      onLockReads().on("/RestTicketing.svc/order/tickets", { json: doc.addTicketsSeatsUnavailable });
      let plans = 0;
      vista.on("/RESTData.svc/cinemas/0200/sessions/29617/seat-plan", () => {
        plans++;
        return { json: plans === 1 ? doc.seatPlan29617() : doc.seatPlan29617({ "1-0-1": 1 }) };
      });
      const taken = await make().lock(lockReq(["1-0-1"]));
      expect(!taken.ok && taken.error).toMatchObject({ code: "seat_unavailable", vendorCode: "8" });
      expect(plans).toBe(2); // ⑤ seat plan reloaded

      onLockReads().on("/RestTicketing.svc/order/tickets", { json: doc.addTicketsSeatsUnavailable });
      const closed = await make().lock(lockReq(["1-0-1"]));
      expect(!closed.ok && closed.error).toMatchObject({ code: "showtime_closed", vendorCode: "8" });

      now = SHOW + 1;
      const late = await make().lock(lockReq(["1-0-1"]));
      expect(!late.ok && late.error.code).toBe("showtime_closed");
    });

    it("a retried lock of the same order finds its open VISTA order instead of booking twice", async () => {
      onLockReads({ "1-0-1": 1, "1-0-2": 1 }).on("/RestTicketing.svc/order", {
        json: {
          ...doc.getOrderOpen,
          Order: {
            ...doc.getOrderOpen.Order,
            CinemaId: "0200",
            Sessions: [{ CinemaId: "0200", SessionId: 29617 }],
            TotalOrderCount: 2,
            TotalValueCents: 10000,
          },
        },
      });
      const res = await make().lock(lockReq(["1-0-1", "1-0-2"]));
      expect(vista.last("/RestTicketing.svc/order").body).toEqual({
        UserSessionId: "FTest201508060001",
        ...CLIENT_FIELDS,
      });
      expect(vista.calls("/RestTicketing.svc/order/tickets")).toHaveLength(0);
      expect(res.ok && res.value.vendorLockId).toBe("FTest201508060001");
    });

    it("derives a ≤32-character UserSessionId from long order ids, the same every time", async () => {
      onLockReads().on("/RestTicketing.svc/order/tickets", { json: doc.addTicketsResponse });
      const c = make();
      await c.lock({ ...lockReq(["1-0-1"]), orderId: "ord_01JABCDEFGHJKMNPQRSTVWXYZ0123456789" });
      await c.lock({ ...lockReq(["1-0-1"]), orderId: "ord_01JABCDEFGHJKMNPQRSTVWXYZ0123456789" });
      const ids = vista.calls("/RestTicketing.svc/order/tickets").map((s) => s.body?.["UserSessionId"] as string);
      expect(ids[0]).toHaveLength(32);
      expect(ids[0]).toBe(ids[1]);
    });

    it("CompleteOrder Result ≠ 0 is pending (§2.2 flow); a lost CompleteOrder is outcome_unknown", async () => {
      vista
        .on("/RestTicketing.svc/order/startexternalpayment", { json: doc.startExternalPaymentOk })
        .on("/RestTicketing.svc/order/payment", { json: { Result: 5, ErrorDescription: "CinemaConnectError" } });
      const c = make();
      const base = {
        ...lockReq(["1-0-1", "1-0-2"]),
        vendorLockId: "FTest201508060001",
        lockVendorData: lockData,
        totalFen: 10000,
      };
      expect(await c.confirm({ ...base, attempt: 1 })).toEqual({ ok: true, value: { state: "pending" } });
      vista.on("/RestTicketing.svc/order/payment", "hang");
      const lost = await c.confirm({ ...base, attempt: 1 });
      expect(!lost.ok && lost.error.code).toBe("outcome_unknown");
      expect(vista.calls("/RestTicketing.svc/order/payment")).toHaveLength(2); // never resent blindly
      const mismatch = await c.confirm({ ...base, totalFen: 9000, attempt: 1 });
      expect(!mismatch.ok && mismatch.error.code).toBe("price_rejected");
    });

    it("§2.2 ⑩⑪: a repeated confirm asks GetOrder and sends CompleteOrder again only while CinemaId is set", async () => {
      const c = make();
      const base = {
        ...lockReq(["1-0-1", "1-0-2"]),
        vendorLockId: "FTest201508060001",
        lockVendorData: lockData,
        totalFen: 10000,
      };
      vista
        .on("/RestTicketing.svc/order", { json: doc.getOrderCompleted })
        .on("/RestTicketing.svc/order/payment", { json: doc.completeOrderOk });
      expect(await c.confirm({ ...base, attempt: 2 })).toEqual({ ok: true, value: { state: "pending" } });
      expect(vista.calls("/RestTicketing.svc/order/payment")).toHaveLength(0);

      vista
        .on("/RestTicketing.svc/order", { json: doc.getOrderOpen })
        .on("/RestTicketing.svc/order/startexternalpayment", { json: doc.startExternalPaymentOk });
      const again = await c.confirm({ ...base, attempt: 2 });
      expect(again.ok && again.value.state).toBe("issued");
      expect(vista.calls("/RestTicketing.svc/order/payment")).toHaveLength(1);
    });

    it("queryOrder: QueryOrderBookingStatus then GetSingleBooking (collected / refunded); 47 is pending", async () => {
      vista
        .on("/RestTicketing.svc/order/query-booking-status", { json: doc.queryBookingStatusOk })
        .on("/RestBooking.svc/booking", { json: doc.singleBooking("1", "0") });
      const c = make();
      const res = await c.queryOrder(orderRef());
      expect(vista.last("/RestTicketing.svc/order/query-booking-status").body).toEqual({
        UserSessionId: "FTest201508060001",
        ClientId: "111.111.111.111",
      });
      expect(vista.last("/RestBooking.svc/booking").body).toEqual({
        ReturnTransactionStatusInfoIfSingleBookingMatch: true,
        BookingId: "WL5633Z",
        BookingNumber: 112086,
        CinemaId: "0200",
        OptionalClientId: "111.111.111.111",
      });
      expect(res).toEqual({
        ok: true,
        value: {
          state: "issued",
          vendorOrderId: "WL5633Z",
          tickets: [{ vendorSeatId: "1-0-1" }, { vendorSeatId: "1-0-2" }],
          pickup: { printCode: "0000000000112086", verifyCode: "WL5633Z", instructions: expect.any(String) },
          printed: true,
        },
      });
      vista.on("/RestBooking.svc/booking", { json: doc.singleBooking("0", "1") });
      expect(await c.queryOrder(orderRef())).toEqual({
        ok: true,
        value: { state: "refunded", vendorOrderId: "WL5633Z" },
      });
      vista.on("/RestTicketing.svc/order/query-booking-status", { json: doc.queryBookingStatusMissing });
      expect(await c.queryOrder(orderRef())).toEqual({ ok: true, value: { state: "pending" } });
    });

    it("release and §2.2 cancel go through CancelOrder", async () => {
      vista.on("/RestTicketing.svc/order/cancel", { json: doc.cancelOrderOk });
      const c = make();
      expect(await c.release(orderRef())).toEqual({ ok: true, value: undefined });
      expect(vista.last("/RestTicketing.svc/order/cancel").body).toEqual({
        UserSessionId: "FTest201508060001",
        ...CLIENT_FIELDS,
      });
      expect(await c.cancel!(orderRef())).toEqual({ ok: true, value: { state: "reversed" } });
      vista.on("/RestTicketing.svc/order/cancel", { json: { Result: 56, ErrorDescription: "PaymentsProcessed" } });
      const refused = await c.cancel!(orderRef());
      expect(!refused.ok && refused.error).toMatchObject({ code: "order_state", vendorCode: "56" });
    });

    it("refunds per §3.12: GetSingleBooking first, MarkAsRefundedOnly true, PaymentInfo as paid", async () => {
      vista
        .on("/RestBooking.svc/booking", { json: doc.singleBooking() })
        .on("/RestBooking.svc/booking/refund", { json: doc.refundOk });
      const c = make();
      const res = await c.refund!(orderRef({ vendorOrderId: "WQNX8JL" }), "Test");
      expect(vista.last("/RestBooking.svc/booking").body).toMatchObject({
        BookingId: "WQNX8JL",
        BookingNumber: 0,
        CinemaId: "0200",
      });
      expect(vista.last("/RestBooking.svc/booking/refund").body).toEqual({
        CinemaId: "0200",
        BookingId: "WQNX8JL",
        BookingNumber: 111972,
        RefundReason: "Test",
        RefundAmount: 10000,
        RefundBookingFee: false,
        RefundConcessions: true,
        MarkAsRefundedOnly: true,
        PaymentInfo: {
          CardNumber: "9999999999999999",
          CardType: "CreditCard",
          PaymentValueCents: 10000,
          PaymentTenderCategory: "CreditCard",
        },
        OptionalClientId: "111.111.111.111",
      });
      expect(res).toEqual({ ok: true, value: { state: "refunded", vendorOrderId: "WQNX8JL" } });
    });

    it("booking fee rules: kept → amount less the fee, RefundBookingFee false; refunded → full amount, true", async () => {
      vista
        .on("/RestBooking.svc/booking", { json: doc.singleBooking() })
        .on("/RestBooking.svc/booking/refund", { json: doc.refundOk });
      const withFee = orderRef({
        vendorOrderId: "WQNX8JL",
        lockVendorData: { ...lockData, totalValueCents: 10600, bookingFeeCents: 600 },
      });
      await make({ refundBookingFee: false }).refund!(withFee, "r");
      expect(vista.last("/RestBooking.svc/booking/refund").body).toMatchObject({
        RefundAmount: 10000,
        RefundBookingFee: false,
        PaymentInfo: { PaymentValueCents: 10600 },
      });
      await make().refund!(withFee, "r");
      expect(vista.last("/RestBooking.svc/booking/refund").body).toMatchObject({
        RefundAmount: 10600,
        RefundBookingFee: true,
      });
    });

    it("refund: printed tickets are refused (§2.4), refunded ones are not refunded twice, 39 is refund_refused", async () => {
      const c = make();
      vista.on("/RestBooking.svc/booking", { json: doc.singleBooking("1", "0") });
      const printed = await c.refund!(orderRef({ vendorOrderId: "WQNX8JL" }), "r");
      expect(!printed.ok && printed.error.code).toBe("refund_refused");
      vista.on("/RestBooking.svc/booking", { json: doc.singleBooking("0", "1") });
      expect(await c.refund!(orderRef({ vendorOrderId: "WQNX8JL" }), "r")).toEqual({
        ok: true,
        value: { state: "refunded", vendorOrderId: "WQNX8JL" },
      });
      expect(vista.calls("/RestBooking.svc/booking/refund")).toHaveLength(0);
      vista.on("/RestBooking.svc/booking", { json: doc.singleBooking() }).on("/RestBooking.svc/booking/refund", {
        json: { ErrorDescription: "Refunding of booking failed", ResultCode: 39 },
      });
      const refused = await c.refund!(orderRef({ vendorOrderId: "WQNX8JL" }), "r");
      expect(!refused.ok && refused.error).toMatchObject({ code: "refund_refused", vendorCode: "39" });
      // Without a booking id the refund first finds the booking by UserSessionId.
      vista.on("/RestTicketing.svc/order/query-booking-status", { json: doc.queryBookingStatusMissing });
      expect(await c.refund!(orderRef(), "r")).toEqual({ ok: true, value: { state: "not_found" } });
    });

    it("printStatus reads CollectedStatus", async () => {
      vista.on("/RestBooking.svc/booking", { json: doc.singleBooking("1") });
      expect(await make().printStatus!(orderRef({ vendorOrderId: "WQNX8JL" }))).toEqual({
        ok: true,
        value: { printed: true },
      });
    });
  });

  describe("transport answers and recordings", () => {
    it("HTTP 401 is auth_failed, 429 rate_limited, 404 config_error", async () => {
      const c = make();
      vista.on("/OData.svc/Cinemas", {
        status: 401,
        json: { Message: "Authorization has been denied for this request." },
      });
      let r = await c.ping();
      expect(!r.ok && r.error.code).toBe("auth_failed");
      vista.on("/OData.svc/Cinemas", {
        status: 429,
        json: { "odata.error": { code: "", message: { value: "slow down" } } },
      });
      r = await c.ping();
      expect(!r.ok && r.error.code).toBe("rate_limited");
      vista.reset();
      r = await c.ping();
      expect(!r.ok && r.error.code).toBe("config_error");
    });

    it("never records the token or the buyer's mobile, even when VISTA echoes them", async () => {
      onLockReadsEcho();
      const c = make({ sendCustomerPhone: true });
      await c.ping();
      await c.confirm({
        ...lockReq(["1-0-1", "1-0-2"]),
        vendorLockId: "FTest201508060001",
        lockVendorData: lockData,
        totalFen: 10000,
        attempt: 1,
      });
      expect(vista.last("/RestTicketing.svc/order/payment").body?.["CustomerPhone"]).toBe("13812345678");
      const recs = recorder.recent();
      expect(recs.length).toBeGreaterThanOrEqual(3);
      for (const rec of recs) {
        expect(JSON.stringify(rec)).not.toContain(TOKEN);
        expect(JSON.stringify(rec)).not.toContain("13812345678");
      }
      const complete = recs.find((r) => r.call === "vista.CompleteOrder");
      expect(complete).toMatchObject({ outcome: "ok", vendorCode: "0", vendor: "vista", accountId: "acc-vista" });
    });
    function onLockReadsEcho() {
      vista
        .on("/OData.svc/Cinemas", { json: { value: [{ ID: "0200" }], token: TOKEN } })
        .on("/RestTicketing.svc/order/startexternalpayment", { json: { ...doc.startExternalPaymentOk, echo: TOKEN } })
        .on("/RestTicketing.svc/order/payment", (req) => ({
          json: { ...doc.completeOrderOk, echo: req.body, header: req.headers["connectapitoken"] },
        }));
    }
  });
});
