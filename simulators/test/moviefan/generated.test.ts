import { describe, expect, it } from "vitest";
import { createSimClock } from "../../src/core/clock.js";
import { FaultController } from "../../src/core/faults.js";
import { generateDataset } from "../../src/dataset/generate.js";
import { createMoviefanSimulator } from "../../src/moviefan/index.js";
import { signedQuery } from "./fixture.js";

describe("Moviefan over the generated demo data set", () => {
  it("lists only Moviefan cinemas and sells a love-seat pair end to end", async () => {
    const dataset = generateDataset({ cinemas: 12 });
    const ctx = { dataset, clock: createSimClock(dataset.baseTime), faults: new FaultController(1) };
    const app = await createMoviefanSimulator(ctx);
    const call = async (name: string, params: Record<string, string> = {}) =>
      (await app.inject({ method: "GET", url: `/api/${name}.aspx?${signedQuery(params)}` })).json();
    try {
      const { cinemas, totalCount } = await call("queryCinemas");
      expect(totalCount).toBe(dataset.cinemas.filter((c) => c.vendor === "moviefan").length);
      expect(cinemas[0].county).toBeGreaterThan(0);
      const { shows } = await call("queryShows", { cinemaID: String(cinemas[0].cinemaID) });
      const show = shows.find((s: { status: number }) => s.status === 1);
      const { seats } = await call("queryShowSeats", { showtimeID: String(show.showtimeID), status: "1" });
      const left = seats.find((s: { type: number }) => s.type === 2);
      const right = seats.find((s: { type: number; loveCode: string }) => s.type === 3 && s.loveCode === left.loveCode);
      const locked = await call("lockSeats", {
        showtimeID: String(show.showtimeID),
        seatIDs: `${left.seatID},${right.seatID}`,
        seatNames: `${left.rowNum}排${left.colNum}座,${right.rowNum}排${right.colNum}座`,
        mobile: "13800138000",
      });
      expect(locked.code).toBe(1);
      const id = locked.order.OrderExternalID;
      // queryShows price is yuan; submitOrder amount and queryOrder amount are fen (结算总价(分)).
      const amount = String(show.price * 100 * 2);
      expect((await call("submitOrder", { orderExternalID: id, mobile: "13800138000", amount })).code).toBe("001");
      const { orderdetail } = await call("queryOrder", { orderExternalID: id });
      expect(orderdetail).toMatchObject({ externalOrderStatus: 30, quantity: 2, amount: show.price * 100 * 2 });
    } finally {
      await app.close();
    }
  });
});
