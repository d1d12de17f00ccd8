import { afterEach, describe, expect, it } from "vitest";
import { BASE, makeSim, type Sim, seat } from "./helpers.js";

let sim: Sim;
afterEach(async () => sim?.app.close());

describe("ykse catalogue calls (§4)", () => {
  it("lists schedules with yuan prices, stopSellingTime, area settle prices and benefit prices", async () => {
    sim = await makeSim();
    const res = await sim.call("ykse.partner.schedule.getSchedules", {
      cinemaLinkId: "681",
      startDate: "2026-03-10",
      endDate: "2026-03-10",
      priceQueryType: "benefit",
    });
    const list = res.data?.dataList ?? [];
    expect(list).toHaveLength(2);
    const s = list.find((x) => x.scheduleId === "9001");
    expect(s).toMatchObject({
      cinemaLinkId: "681",
      showDateTime: "2026-03-10 13:00:00",
      stopSellingTime: "2026-03-10 12:50:00",
      standardPrice: "50.00",
      settlePrice: "30.00",
      lowestPrice: "25.00",
      ticketFee: "2.00",
      feeType: "ticket",
      saleStatus: "Y",
      areaSettlePrices: [{ name: "黄金区", settlePrice: "40.00" }],
      benefitCardPrices: [{ benefitPolicyCode: "100001", benefitPayPrice: "40.00", eachShowDiscountTickets: 2 }],
      film: { filmCode: "001101852026", dimensional: "3D", duration: 120 },
    });
    expect(s.scheduleKey).toMatch(/^[0-9A-F]{32}$/);
  });

  it("changes the scheduleKey when the schedule changes, and refuses the old key", async () => {
    sim = await makeSim();
    const key1 = (await sim.call("ykse.partner.schedule.getSchedules", { cinemaLinkId: "681" })).data?.dataList?.[0]
      .scheduleKey;
    const show = sim.ctx.dataset.showtimes.find((s) => s.id === "9002");
    if (show) show.settleFen = 3100;
    const key2 = (await sim.call("ykse.partner.schedule.getSchedules", { cinemaLinkId: "681" })).data?.dataList?.[0]
      .scheduleKey;
    expect(key2).not.toBe(key1);
    const sold = await sim.call("ykse.partner.seat.getScheduleSoldSeats", {
      cinemaLinkId: "681",
      sectionId: "0000000000000001",
      scheduleId: "9002",
      scheduleKey: key1,
    });
    expect(sold.data?.bizCode).toBe("SCHEDULE_HAS_CHANGED");
  });

  it("hides schedules for cinemas in hideShowtimesFor", async () => {
    sim = await makeSim();
    sim.ctx.faults.update({ hideShowtimesFor: ["681"] });
    const res = await sim.call("ykse.partner.schedule.getSchedules", { cinemaLinkId: "681" });
    expect(res.data).toMatchObject({ bizCode: "SUCCESS", dataList: [] });
  });

  it("renders the seat map with types and damage, area seats, and broken seats as unsellable", async () => {
    sim = await makeSim();
    const seats = await sim.call("ykse.partner.seat.getSeats", { cinemaLinkId: "681", hallId: "1" });
    const section = seats.data?.data.seatPlanList[0].sections[0];
    expect(section.sectionId).toBe("0000000000000001");
    const byId = new Map(section.seats.map((s: { seatId: string }) => [s.seatId, s]));
    expect(byId.get(seat(1, 4))).toMatchObject({ damage: "Y", type: "N", rowId: "1", columnId: "04", x: 4, y: 1 });
    expect(byId.get(seat(2, 3))).toMatchObject({ type: "L" });
    expect(byId.get(seat(2, 4))).toMatchObject({ type: "R" });
    const key = (await sim.call("ykse.partner.schedule.getSchedules", { cinemaLinkId: "681" })).data?.dataList?.find(
      (s) => s.scheduleId === "9001",
    ).scheduleKey;
    const areas = await sim.call("ykse.partner.seat.getScheduleAreaSeats", {
      cinemaLinkId: "681",
      scheduleId: "9001",
      scheduleKey: key,
    });
    expect(areas.data?.data.sectionAreas[0].areaDetails[0]).toMatchObject({ name: "黄金区", code: "gold" });
    expect(areas.data?.data.sectionAreas[0].areaDetails[0].seats).toHaveLength(4);
    const sold = await sim.call("ykse.partner.seat.getScheduleSoldSeats", {
      cinemaLinkId: "681",
      sectionId: "0000000000000001",
      scheduleId: "9001",
      scheduleKey: key,
    });
    expect(sold.data?.data.sectionList[0].seats).toEqual([{ seatId: seat(1, 4) }]);
    expect(BASE).toBeGreaterThan(0);
  });
});
