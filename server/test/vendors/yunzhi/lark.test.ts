import { describe, expect, it } from "vitest";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { VendorTransport } from "../../../src/vendors/transport.js";
import { YkseClient } from "../../../src/vendors/ykse/client.js";
import { mapCinema, mapSchedule, mapSeatPlan, pickSeatPlan } from "../../../src/vendors/ykse/mapping.js";
import { sign, signingBase } from "../../../src/vendors/ykse/signing.js";
import {
  cinemaFromLark,
  larkApi,
  larkDialect,
  scheduleFromLark,
  seatsFromLark,
} from "../../../src/vendors/yunzhi/lark.js";

describe("凤凰云智 lark gateway: signing (public-refs §10 worked example)", () => {
  const params = {
    api: "ykse.lark.partner.seat.getSeats",
    channelCode: "DEMO",
    data: '{"cinemaLinkId":"681","hallCode":"14"}',
    timestamp: "1453445830715",
    v: "1.0",
  };

  it("builds the signing string name+value in ascending name order", () => {
    expect(signingBase(params)).toBe(
      'apiykse.lark.partner.seat.getSeatschannelCodeDEMOdata{"cinemaLinkId":"681","hallCode":"14"}timestamp1453445830715v1.0',
    );
  });

  it("signs it with the secret to the example's digest", () => {
    expect(sign(params, "demosecret")).toBe("25f882802b146b9ba3bd5f0be085abdb");
  });

  it("the client sends exactly the example's request for a partner getSeats call", () => {
    const transport = new VendorTransport({
      vendor: "yunzhi",
      accountId: "t",
      baseUrl: "http://127.0.0.1:9",
      clock: { now: () => 1453445830715 },
      recorder: new RingCallRecorder(),
      secrets: ["demosecret"],
    });
    const client = new YkseClient({
      transport,
      channelCode: "DEMO",
      secret: "demosecret",
      clock: { now: () => 1453445830715 },
      dialect: larkDialect,
    });
    const sent = client.signedRequest({
      api: "ykse.partner.seat.getSeats",
      data: { cinemaLinkId: "681", hallId: "14" },
    });
    expect(sent).toEqual({ ...params, sign: "25f882802b146b9ba3bd5f0be085abdb" });
  });
});

describe("lark dialect: names and fields of the three read calls the refs show", () => {
  it("inserts .lark into partner api names only", () => {
    expect(larkApi("ykse.partner.seat.lockSeats")).toBe("ykse.lark.partner.seat.lockSeats");
    expect(larkApi("ykse.partner.order.confirmOrder")).toBe("ykse.lark.partner.order.confirmOrder");
  });

  it("reads a lark getCinemas item: cinemaName, hallList with hallCode/hallName/hallType", () => {
    const c = mapCinema(
      cinemaFromLark({
        cinemaLinkId: "681",
        cinemaName: "云智影城",
        cinemaId: "44001234",
        cityCode: "440100",
        city: "广州",
        hallCount: 1,
        refundBeforeTime: "60",
        maxTicketNum: 6,
        hallList: [{ hallCode: "14", hallName: "1号厅", seatCount: 120, hallType: "I" }],
      }),
    );
    expect(c).toMatchObject({
      vendorCinemaId: "681",
      name: "云智影城",
      nationalCode: "44001234",
      halls: [{ vendorHallId: "14", name: "1号厅", type: "imax", seatCount: 120 }],
      refundBeforeMinutes: 60,
    });
  });

  it("reads a lark seat plan: sectionList/seatList, seatCode, DL/DR love seats, damaged", () => {
    const data = seatsFromLark({
      hallCode: "14",
      cinemaLinkId: "681",
      seatPlanList: [
        {
          effectiveDate: "2016-01-01",
          seatVersion: "3",
          sectionList: [
            {
              sectionCode: "01",
              sectionName: "普通区",
              seatList: [
                { seatCode: "s1", rowId: "1", columnId: "1", x: 1, y: 1, type: "DL", damaged: "N" },
                { seatCode: "s2", rowId: "1", columnId: "2", x: 2, y: 1, type: "DR", damaged: "N" },
                { seatCode: "s3", rowId: "1", columnId: "3", x: 3, y: 1, type: "N", damaged: "Y" },
              ],
            },
          ],
        },
      ],
    });
    const plan = pickSeatPlan((data.seatPlanList as unknown[]) ?? [], "2026-01-01");
    const { layout, sections } = mapSeatPlan("14", plan);
    expect(sections).toEqual([{ sectionId: "01", name: "普通区" }]);
    expect(layout.seats.map((s) => [s.vendorSeatId, s.kind, s.pairSeatId ?? null, s.broken ?? false])).toEqual([
      ["s1", "loveLeft", "s2", false],
      ["s2", "loveRight", "s1", false],
      ["s3", "normal", null, true],
    ]);
  });

  it("reads a lark schedule: hallCode and areaInfoList prices", () => {
    const s = mapSchedule(
      scheduleFromLark({
        scheduleId: "9001",
        scheduleKey: "k1",
        cinemaLinkId: "681",
        showDateTime: "2026-12-05 19:30:00",
        hallCode: "14",
        standardPrice: "60.00",
        lowestPrice: "30.00",
        settlePrice: "35.00",
        ticketFee: "2.00",
        feeType: "ticket",
        stopSellingTime: "2026-12-05 19:15:00",
        saleStatus: "Y",
        film: { filmCode: "051200012026", duration: 120, dimensional: "2D", name: "影片" },
        areaInfoList: [{ areaId: "A", areaName: "中心区", areaSettlePrice: "45.00", areaServiceFee: "0" }],
      }),
    );
    expect(s).toMatchObject({
      vendorShowtimeId: "9001",
      vendorHallId: "14",
      onSale: true,
      price: { listFen: 6000, settleFen: 3500, lowestFen: 3000, serviceFeeFen: 200 },
      areaPrices: [{ areaId: "中心区", areaName: "中心区", settleFen: 4500 }],
    });
  });

  it("maps the lark-only SCHEDULE_CLOSE_SALE to showtime_closed, not outcome_unknown", () => {
    expect(larkDialect.businessCodes?.SCHEDULE_CLOSE_SALE?.standard).toBe("showtime_closed");
  });
});
