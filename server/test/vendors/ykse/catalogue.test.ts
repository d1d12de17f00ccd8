import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { layoutForShowtime } from "../../../src/domain/showtime-areas.js";
import { parseChinaLocal } from "../../../src/domain/time.js";
import { sign } from "../../../src/vendors/ykse/signing.js";
import { CannedYkse, CREDENTIALS, NOW } from "./canned.js";
import * as doc from "./doc-examples.js";

const y = new CannedYkse();
beforeAll(() => y.start());
afterAll(() => y.stop());
beforeEach(() => y.reset());
const cinema = { vendorCinemaId: "681" };

describe("ykse request building", () => {
  it("POSTs the signed public parameters form-encoded to /route, asking for gzip", async () => {
    y.answer("ykse.partner.cinema.getCinemas", doc.getCinemas);
    const res = await y.connector.ping();
    expect(res).toEqual({ ok: true, value: { cinemaCount: 2 } });
    const req = y.last();
    expect(req.method).toBe("POST");
    expect(req.contentType).toContain("application/x-www-form-urlencoded");
    const { sign: given, ...rest } = req.params;
    expect(rest).toEqual({
      api: "ykse.partner.cinema.getCinemas",
      v: "1.0",
      channelCode: "CH_TEST",
      timestamp: String(NOW),
      data: "{}",
    });
    expect(given).toBe(sign(rest, CREDENTIALS.secret));
  });
});

describe("§4.1 cinemas", () => {
  it("maps halls, national code, refundBeforeTime and refundLimitCount", async () => {
    y.answer("ykse.partner.cinema.getCinemas", doc.getCinemas);
    const res = await y.connector.listCinemas!();
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value[0]).toEqual({
      vendorCinemaId: "58",
      name: "58 影院",
      nationalCode: "99999958",
      cityCode: "440100",
      cityName: "广州",
      halls: [{ vendorHallId: "1", name: "1 号厅", type: "normal", seatCount: 195 }],
      refundBeforeMinutes: 60,
      refundLimitCount: 100,
    });
    // no refundBeforeTime: "为空代表不可退票"
    expect(res.value[1]?.refundBeforeMinutes).toBeUndefined();
    const one = await y.connector.getCinema({ vendorCinemaId: "56" });
    expect(one.ok && one.value.name).toBe("56 影院");
    const none = await y.connector.getCinema({ vendorCinemaId: "1" });
    expect(!none.ok && none.error.code).toBe("not_found");
  });
});

describe("§4.2 schedules", () => {
  it("sends the business-day range and maps prices, fee, stop-selling time, scheduleKey and area prices", async () => {
    y.answer("ykse.partner.schedule.getSchedules", doc.getSchedules);
    const res = await y.connector.listShowtimes({ cinema, fromDate: "2016-01-15", toDate: "2016-01-16" });
    expect(y.last().data).toEqual({
      cinemaLinkId: "681",
      startDate: "2016-01-15",
      endDate: "2016-01-16",
      priceQueryType: "default",
    });
    if (!res.ok) throw new Error(res.error.message);
    const s = res.value[0]!;
    expect(s).toMatchObject({
      vendorShowtimeId: "18406",
      vendorHallId: "14",
      vendorFilmId: "051400832015",
      filmTitle: "火星救援 (IMAX 3D)",
      startsAt: parseChinaLocal("2016-01-15 09:55:00"),
      endsAt: parseChinaLocal("2016-01-15 09:55:00") + 150 * 60_000,
      stopSellingAt: parseChinaLocal("2016-01-15 09:35:00"),
      onSale: true,
      language: "英语",
      version: "3D IMAX",
      price: { listFen: 9000, lowestFen: 2500, serviceFeeFen: 0 },
      areaPrices: [{ areaId: "黄金区", areaName: "黄金区", settleFen: 11010 }],
      versionKey: "E4CC50D800C27C7B52E75ABBCC1F3794",
    });
    expect(s.price.settleFen).toBeUndefined();
    expect(s.vendorData?.ykse).toMatchObject({
      feeType: "ticket",
      ticketFeeFen: 0,
      areaSettleFen: { 黄金区: 11010 },
      benefitPrices: [{ policyCode: "2823", payFen: 11000, eachShowDiscountTickets: 2 }],
      sessionCode: "6811601154D68ZH4",
    });
  });

  it("passes priceQueryType benefit when asked, and lists films from the schedules", async () => {
    y.answer("ykse.partner.schedule.getSchedules", doc.getSchedules);
    await y.connector.catalogue.listShowtimes({ cinema, fromDate: "2016-01-15", toDate: "2016-01-15" }, "benefit");
    expect(y.last().data.priceQueryType).toBe("benefit");
    const films = await y.connector.listFilms(cinema);
    expect(films.ok && films.value).toEqual([
      {
        vendorFilmId: "051400832015",
        nationalCode: "051400832015",
        title: "火星救援",
        language: "英语",
        durationMinutes: 150,
        versions: ["3D", "IMAX"],
      },
    ]);
    expect(y.last().data).toMatchObject({ startDate: "2016-01-14", endDate: "2016-01-20" });
  });

  it("an order-level fee is not reported as a per-seat fee", async () => {
    y.answer("ykse.partner.schedule.getSchedules", {
      ...doc.getSchedules,
      data: { bizCode: "SUCCESS", dataList: [{ ...doc.schedule, feeType: "order", ticketFee: "3.00" }] },
    });
    const res = await y.connector.listShowtimes({ cinema, fromDate: "2016-01-15", toDate: "2016-01-15" });
    expect(res.ok && res.value[0]?.price.serviceFeeFen).toBeUndefined();
    expect(res.ok && res.value[0]?.vendorData?.ykse).toMatchObject({ feeType: "order", ticketFeeFen: 300 });
  });
});

describe("§4.3 seat map, §4.4 area seats, §11 area pricing", () => {
  it("maps sections, drawing overlapping sections below each other", async () => {
    y.answer("ykse.partner.seat.getSeats", doc.getSeats);
    const res = await y.connector.getSeatLayout(cinema, "1");
    if (!res.ok) throw new Error(res.error.message);
    expect(y.last().data).toEqual({ cinemaLinkId: "681", hallId: "1" });
    expect(res.value.rows).toBe(2);
    expect(res.value.cols).toBe(2);
    expect(res.value.seats.map((s) => [s.vendorSeatId, s.x, s.y, s.rowLabel, s.colLabel, s.kind])).toEqual([
      ["0000000000000001-1-01", 1, 1, "1", "01", "normal"],
      ["0000000000000001-1-02", 2, 1, "1", "02", "normal"],
      ["0000000000000002-1-01", 1, 2, "1", "01", "normal"],
      ["0000000000000002-1-02", 2, 2, "1", "02", "normal"],
    ]);
  });

  it("maps seat types N/W/L/R/H/Z and damage, pairing love seats", async () => {
    const s = (col: number, type: string, damage = "N") => ({
      seatId: `S-A-${col}`,
      rowId: "A",
      columnId: String(col),
      x: col,
      y: 1,
      type,
      damage,
    });
    y.ok("ykse.partner.seat.getSeats", {
      hallId: "2",
      seatPlanList: [
        { effectiveDate: "2015-01-01", sections: [{ sectionId: "S", name: "x", seats: [s(1, "N")] }] },
        {
          effectiveDate: "2016-01-01",
          sections: [
            {
              sectionId: "S",
              name: "普通区",
              seats: [s(1, "W"), s(2, "L"), s(3, "R"), s(4, "H"), s(5, "Z"), s(6, "N", "Y"), s(7, "L")],
            },
          ],
        },
        { effectiveDate: "2099-01-01", sections: [{ sectionId: "S", name: "x", seats: [s(1, "N")] }] },
      ],
    });
    const res = await y.connector.getSeatLayout(cinema, "2");
    if (!res.ok) throw new Error(res.error.message);
    const by = Object.fromEntries(res.value.seats.map((x) => [x.colLabel, x]));
    expect(by["1"]?.kind).toBe("wheelchair");
    expect(by["2"]).toMatchObject({ kind: "loveLeft", pairSeatId: "S-A-3" });
    expect(by["3"]).toMatchObject({ kind: "loveRight", pairSeatId: "S-A-2" });
    expect(by["4"]).toMatchObject({ kind: "normal", broken: true }); // H: reserved
    expect(by["5"]?.kind).toBe("motion");
    expect(by["6"]?.broken).toBe(true);
    expect(by["7"]?.kind).toBe("normal"); // a left love seat with no partner
  });

  it("joins area seats to the schedule's area settle prices by area name", async () => {
    y.answer("ykse.partner.seat.getScheduleAreaSeats", doc.getScheduleAreaSeats);
    y.answer("ykse.partner.schedule.getSchedules", {
      ...doc.getSchedules,
      data: {
        bizCode: "SUCCESS",
        dataList: [{ ...doc.schedule, areaSettlePrices: [{ name: "黄金座副本", settlePrice: "45.00" }] }],
      },
    });
    const shows = await y.connector.listShowtimes({ cinema, fromDate: "2016-01-15", toDate: "2016-01-15" });
    if (!shows.ok) throw new Error(shows.error.message);
    const show = shows.value[0]!;
    y.answer("ykse.partner.seat.getSeats", {
      ...doc.getSeats,
      data: {
        bizCode: "SUCCESS",
        data: {
          hallId: "14",
          seatPlanList: [
            {
              effectiveDate: "2015-11-14",
              sections: [
                {
                  sectionId: "00000000000000001",
                  name: "普通区",
                  seats: [
                    {
                      seatId: "00000000000000001-2-15",
                      rowId: "2",
                      columnId: "15",
                      x: 15,
                      y: 2,
                      type: "N",
                      damage: "N",
                    },
                    {
                      seatId: "00000000000000001-2-16",
                      rowId: "2",
                      columnId: "16",
                      x: 16,
                      y: 2,
                      type: "N",
                      damage: "N",
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
    });
    const layout = await y.connector.getSeatLayout(cinema, "14", show);
    if (!layout.ok) throw new Error(layout.error.message);
    // The hall's layout carries no areas: area seats belong to the schedule (§4.4 takes scheduleId + scheduleKey).
    expect(y.seen.some((r) => r.params.api === "ykse.partner.seat.getScheduleAreaSeats")).toBe(false);
    expect(layout.value.areas).toEqual([]);
    expect(layout.value.seats.map((s) => s.areaId)).toEqual([undefined, undefined]);
    const areas = await y.connector.catalogue.getShowtimeAreas(cinema, show);
    if (!areas.ok) throw new Error(areas.error.message);
    expect(y.seen.find((r) => r.params.api === "ykse.partner.seat.getScheduleAreaSeats")?.data).toEqual({
      cinemaLinkId: "681",
      scheduleId: "18406",
      scheduleKey: "E4CC50D800C27C7B52E75ABBCC1F3794",
    });
    expect(areas.value.areas).toEqual([{ id: "黄金座副本", name: "黄金座副本" }]);
    const seats = layoutForShowtime(layout.value, areas.value).seats;
    expect(seats.map((s) => s.areaId)).toEqual(["黄金座副本", undefined]);
  });

  it("does not call getScheduleAreaSeats for a schedule without area prices (§4.4.2 note 1)", async () => {
    y.answer("ykse.partner.seat.getSeats", doc.getSeats);
    const show = {
      vendorShowtimeId: "1",
      vendorHallId: "1",
      startsAt: NOW + 3600_000,
      stopSellingAt: NOW,
      vendorData: { ykse: { scheduleKey: "K", areaSettleFen: {} } },
    };
    await y.connector.catalogue.getSeatLayout(cinema, "1", show);
    const areas = await y.connector.catalogue.getShowtimeAreas(cinema, show);
    expect(areas.ok && areas.value.areas).toEqual([]);
    expect(y.seen.map((r) => r.params.api)).toEqual(["ykse.partner.seat.getSeats"]);
  });
});

describe("§4.5 sold seats", () => {
  it("asks per section with the scheduleKey and marks the seats unavailable", async () => {
    y.answer("ykse.partner.seat.getSeats", doc.getSeats);
    y.answer("ykse.partner.seat.getScheduleSoldSeats", doc.getScheduleSoldSeats);
    const show = {
      vendorShowtimeId: "18406",
      vendorHallId: "1",
      startsAt: NOW,
      stopSellingAt: NOW,
      versionKey: "E4CC50D800C27C7B52E75ABBCC1F3794",
    };
    const res = await y.connector.catalogue.getSeatStatus(cinema, show);
    expect(res.ok && res.value).toEqual({
      "0000000000000001-2-02": "unavailable",
      "0000000000000001-2-05": "unavailable",
    });
    const asked = y.seen.filter((r) => r.params.api === "ykse.partner.seat.getScheduleSoldSeats").map((r) => r.data);
    expect(asked).toEqual([
      { cinemaLinkId: "681", sectionId: "0000000000000001", scheduleId: "18406", scheduleKey: show.versionKey },
      { cinemaLinkId: "681", sectionId: "0000000000000002", scheduleId: "18406", scheduleKey: show.versionKey },
    ]);
    // sections are cached: a second status read does not fetch the seat map again
    y.seen.length = 0;
    await y.connector.catalogue.getSeatStatus(cinema, show);
    expect(y.seen.map((r) => r.params.api)).not.toContain("ykse.partner.seat.getSeats");
  });

  it("maps SCHEDULE_HAS_CHANGED to showtime_closed", async () => {
    y.answer("ykse.partner.seat.getSeats", doc.getSeats);
    y.biz("ykse.partner.seat.getScheduleSoldSeats", { bizCode: "SCHEDULE_HAS_CHANGED", bizMsg: "场次信息已经变化" });
    const res = await y.connector.catalogue.getSeatStatus(cinema, {
      vendorShowtimeId: "1",
      vendorHallId: "9",
      startsAt: NOW,
      stopSellingAt: NOW,
      versionKey: "old",
    });
    expect(!res.ok && res.error).toMatchObject({ code: "showtime_closed", vendorCode: "SCHEDULE_HAS_CHANGED" });
  });
});
