import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SimContext } from "../../src/core/context.js";
import { createMoviefanSimulator } from "../../src/moviefan/index.js";
import { signedQuery, testContext } from "./fixture.js";

describe("Moviefan catalogue calls", () => {
  let ctx: SimContext;
  let app: Awaited<ReturnType<typeof createMoviefanSimulator>>;
  const call = async (name: string, params: Record<string, string> = {}) =>
    (await app.inject({ method: "GET", url: `/api/${name}.aspx?${signedQuery(params)}` })).json();
  beforeEach(async () => {
    ctx = testContext();
    app = await createMoviefanSimulator(ctx);
  });
  afterEach(() => app.close());

  it("pages cinemas by 100 and serves only Moviefan cinemas", async () => {
    const p1 = await call("queryCinemas");
    expect(p1.totalCount).toBe(230);
    expect(p1.cinemas).toHaveLength(100);
    expect(p1.cinemas[0]).toMatchObject({ cinemaID: 5801, province: 440000, city: 440100, cinemaStatus: 1 });
    expect(p1.cinemas[1].cinemaStatus).toBe(4);
    const p3 = await call("queryCinemas", { pageIndex: "3" });
    expect(p3.cinemas).toHaveLength(30);
    expect(p3.cinemas.at(-1).cinemaID).toBe(6030);
    expect((await call("queryCinemas", { pageIndex: "4" })).cinemas).toHaveLength(0);
    expect((await call("queryCinema", { cinemaID: "6799" })).code).toBe(100);
  });

  it("renders movies with /Date()/ release times (escaped on the wire) and version codes", async () => {
    const res = await app.inject({ method: "GET", url: `/api/queryMovies.aspx?${signedQuery({})}` });
    expect(res.body).toContain('"\\/Date(1457020800000+0800)\\/"');
    const movie = res.json().movies[0];
    expect(movie).toMatchObject({ movieID: 101, movieVersions: "1,2", releaseTime: "/Date(1457020800000+0800)/" });
    expect((await call("queryMovie", { movieID: "101" })).movie.movieNameCN).toBe("疯狂动物城");
  });

  it("lists halls with the example's PascalCase keys", async () => {
    const { halls } = await call("queryHalls", { cinemaID: "5801" });
    expect(halls[0]).toEqual({
      HallID: 1001,
      CinemaID: 5801,
      HallName: "1号厅",
      HallStatus: 1,
      Alias: "",
      intro: "普通厅",
      SeatCount: 12,
      HallType: 0,
    });
  });

  it('lists show prices in yuan (doc 001 example "price": "51") and hides them for hideShowtimesFor', async () => {
    const res = await call("queryShows", { cinemaID: "5801" });
    expect(res.totalCount).toBe(2);
    expect(res.shows[0]).toMatchObject({
      showtimeID: 100001,
      movieID: 101,
      hallID: 1001,
      price: 35,
      retailPrice: 60,
      showTime: "2026-03-04 13:00:00",
      ticketEndTime: "2026-03-04 12:45:00",
      status: 1,
    });
    ctx.faults.update({ hideShowtimesFor: ["5801"] });
    expect(await call("queryShows", { cinemaID: "5801" })).toMatchObject({ code: 1, totalCount: 0, shows: [] });
    expect((await call("queryShowSeats", { showtimeID: "100001" })).code).toBe(201);
    expect((await call("queryShows", { cinemaID: "6799" })).code).toBe(100);
  });

  it("renders seats with aisles (status 2), broken seats (0) and love-seat pairs", async () => {
    const { seats } = await call("queryShowSeats", { showtimeID: "100001" });
    expect(seats).toHaveLength(15);
    expect(seats.find((s: { seatID: string }) => s.seatID === "3_1").status).toBe(2);
    expect(seats.find((s: { seatID: string }) => s.seatID === "1_1")).toMatchObject({
      rowNum: "1",
      colNum: "1",
      status: 0,
    });
    const love = seats.filter((s: { type: number }) => s.type !== 1);
    expect(love.map((s: { seatID: string; type: number; loveCode: string }) => [s.seatID, s.type, s.loveCode])).toEqual(
      [
        ["1_3", 2, "L1_3"],
        ["2_3", 3, "L1_3"],
        ["4_3", 2, "L4_3"],
        ["5_3", 3, "L4_3"],
      ],
    );
    const sellable = await call("queryShowSeats", { showtimeID: "100001", status: "1" });
    expect(sellable.seats).toHaveLength(11);
    expect((await call("queryShowSeats", { showtimeID: "100003" })).code).toBe(201);
  });

  it("answers a data-set location tree", async () => {
    const { locations } = await call("queryLocations");
    expect(locations.map((l: { locationID: number; locationType: number }) => [l.locationID, l.locationType])).toEqual([
      [440000, 1],
      [440100, 2],
      [440101, 3],
    ]);
  });
});
