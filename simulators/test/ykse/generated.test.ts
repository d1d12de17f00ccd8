import { afterEach, describe, expect, it } from "vitest";
import { createSimClock } from "../../src/core/clock.js";
import type { SimContext } from "../../src/core/context.js";
import { FaultController } from "../../src/core/faults.js";
import { generateDataset } from "../../src/dataset/generate.js";
import { createYkseSimulator } from "../../src/ykse/index.js";
import { signedQuery } from "./helpers.js";

let close: (() => Promise<unknown>) | undefined;
afterEach(async () => close?.());

describe("ykse simulator over real HTTP with the generated data set", () => {
  it("sells a seat of a generated schedule end to end (gzip answers, fetch decompresses)", async () => {
    const dataset = generateDataset({ seed: 42, cinemas: 3 });
    const ctx: SimContext = { dataset, clock: createSimClock(dataset.baseTime), faults: new FaultController(1) };
    const app = await createYkseSimulator(ctx);
    close = () => app.close();
    const url = await app.listen({ host: "127.0.0.1", port: 0 });
    const call = async (api: string, data?: Record<string, unknown>) => {
      const q = new URLSearchParams(signedQuery(api, data, {}, ctx.clock.now()));
      const res = await fetch(`${url}/route?${q}`, { headers: { "accept-encoding": "gzip" } });
      expect(res.headers.get("content-encoding")).toBe("gzip");
      // biome-ignore lint/suspicious/noExplicitAny: test JSON
      return (await res.json()) as any;
    };
    const cinemas = (await call("ykse.partner.cinema.getCinemas")).data.dataList;
    expect(cinemas.length).toBeGreaterThan(0);
    const cinemaLinkId = cinemas[0].cinemaLinkId;
    const schedules = (await call("ykse.partner.schedule.getSchedules", { cinemaLinkId })).data.dataList;
    const s = schedules.find(
      (x: { saleStatus: string; areaSettlePrices?: unknown }) => x.saleStatus === "Y" && !x.areaSettlePrices,
    );
    expect(s).toBeDefined();
    const seats = (await call("ykse.partner.seat.getSeats", { cinemaLinkId, hallId: s.hallId })).data.data
      .seatPlanList[0].sections[0].seats;
    const ids = new Set(seats.map((x: { seatId: string }) => x.seatId));
    expect(ids.size).toBe(seats.length);
    const free = seats.find((x: { type: string; damage: string }) => x.type === "N" && x.damage === "N");
    const lock = await call("ykse.partner.seat.lockSeats", {
      cinemaLinkId,
      scheduleId: s.scheduleId,
      scheduleKey: s.scheduleKey,
      outLockId: "17000000000000000001",
      seatIdList: [free.seatId],
    });
    expect(lock.data.bizCode).toBe("SUCCESS");
    const confirm = await call("ykse.partner.order.confirmOrder", {
      cinemaLinkId,
      lockOrderId: lock.data.data.lockOrderId,
      scheduleId: s.scheduleId,
      scheduleKey: s.scheduleKey,
      ticketList: [{ seatId: free.seatId, ticketPrice: s.settlePrice ?? s.lowestPrice, ticketFee: s.ticketFee }],
      mobile: "13800138000",
    });
    expect(confirm.data.bizCode).toBe("SUCCESS");
  });
});
