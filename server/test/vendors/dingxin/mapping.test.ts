import { describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import { sellSeatParam, toLayout, toSeatStatus, toShowtime } from "../../../src/vendors/dingxin/mapping.js";
import { list, parseEnvelope } from "../../../src/vendors/dingxin/wire.js";

/** Payloads shaped as public-refs §4.1/§4.3 describe them (field names from the refs; values ours). */
const playsXml = `<?xml version="1.0" encoding="UTF-8"?>
<root><status>1</status><errorMessage></errorMessage><errorCode></errorCode><data>
<item><id>5064</id><cinePlayId>P5064</cinePlayId><hallId>12</hallId><hallName>3号厅</hallName>
<businessDate>2014-11-24</businessDate><startTime>2014-11-25 00:30:00</startTime><endTime>2014-11-25 02:30:00</endTime>
<priceType>1</priceType><price>80.00</price><marketPrice>60.00</marketPrice><lowestPrice>30.00</lowestPrice>
<partnerPrice>35.50</partnerPrice><seatTotalNum>120</seatTotalNum><seatAvailableNum>100</seatAvailableNum>
<allowBook>1</allowBook><cineUpdateTime>2014-11-24 10:11:54</cineUpdateTime>
<areaInfo><item><areaId>A1</areaId><areaPrice>50.00</areaPrice><areaServiceFee>3.00</areaServiceFee></item></areaInfo>
<movieInfo><item><cineMovieId>77</cineMovieId><cineMovieNum>051101552014</cineMovieNum><movieName>星际穿越</movieName>
<movieLanguage>英语</movieLanguage><movieDimensional>2D</movieDimensional><movieSize>IMAX</movieSize></item></movieInfo></item>
<item><id>5065</id><hallId>12</hallId><startTime>2014-11-24 19:00:00</startTime><marketPrice>abc</marketPrice>
<allowBook>1</allowBook><cineUpdateTime>0000-00-00 00:00:00</cineUpdateTime><movieInfo/></item>
</data></root>`;

describe("鼎新 envelope and plays", () => {
  const env = parseEnvelope(playsXml);
  const plays = list(env.data);

  it("reads the <root> envelope and repeated <item> as a list", () => {
    expect(env.status).toBe("1");
    expect(plays).toHaveLength(2);
  });

  it("maps prices (yuan → fen), floor, area prices, update time and a post-midnight show", () => {
    const s = toShowtime(plays[0]!, 15)!;
    expect(s).toMatchObject({
      vendorShowtimeId: "5064",
      vendorHallId: "12",
      vendorFilmId: "77",
      filmNationalCode: "051101552014",
      onSale: true,
      price: { listFen: 6000, settleFen: 3550, lowestFen: 3550 },
      areaPrices: [{ areaId: "A1", settleFen: 5000 }],
      versionKey: "2014-11-24 10:11:54",
      vendorData: { cineUpdateTime: "2014-11-24 10:11:54", businessDate: "2014-11-24" },
    });
    expect(s.startsAt).toBe(parseChinaLocal("2014-11-25 00:30:00"));
    expect(s.stopSellingAt).toBe(s.startsAt - 15 * 60_000);
  });

  it("keeps a play whose price is not money off sale, with the raw text", () => {
    const s = toShowtime(plays[1]!)!;
    expect(s.onSale).toBe(false);
    expect(s.priceIssue).toContain("marketPrice");
    expect(s.versionKey).toBe("0000-00-00 00:00:00");
  });

  it("reads the JSON form the same way", () => {
    const json = parseEnvelope(
      JSON.stringify({
        res: {
          status: 1,
          errorMessage: "",
          errorCode: "",
          data: [{ id: 9, startTime: "2014-11-24 19:00:00", marketPrice: 40, allowBook: 1 }],
        },
      }),
    );
    expect(toShowtime(list(json.data)[0]!)?.price.listFen).toBe(4000);
  });
});

describe("鼎新 hall seats and seat status", () => {
  // xCoord = row index, yCoord = column index; an aisle as 0/0; a love pair by equal `loveseats`.
  const seats = [
    { cineSeatId: "1", xCoord: "1", yCoord: "1", row: "1", column: "1", status: "ok", type: "danren", loveseats: "" },
    { cineSeatId: "", xCoord: "1", yCoord: "2", row: "0", column: "0", status: "ok", type: "road", loveseats: "" },
    {
      cineSeatId: "3",
      xCoord: "1",
      yCoord: "3",
      row: "1",
      column: "2",
      status: "repair",
      type: "danren",
      loveseats: "",
    },
    {
      cineSeatId: "5",
      xCoord: "2",
      yCoord: "4",
      row: "2",
      column: "2",
      status: "ok",
      type: "shuangren",
      loveseats: "L9",
    },
    {
      cineSeatId: "4",
      xCoord: "2",
      yCoord: "3",
      row: "2",
      column: "1",
      status: "ok",
      type: "shuangren",
      loveseats: "L9",
    },
    {
      cineSeatId: "6",
      xCoord: "2",
      yCoord: "5",
      row: "2",
      column: "3",
      status: "ok",
      type: "shuangren",
      loveseats: "L10",
    },
  ];

  it("skips aisles, swaps coordinates, pairs love seats left/right and breaks half a pair", () => {
    const layout = toLayout("12", seats);
    const byId = new Map(layout.seats.map((s) => [s.vendorSeatId, s]));
    expect(layout.seats).toHaveLength(5);
    expect(byId.get("1")).toMatchObject({ x: 1, y: 1, kind: "normal" });
    expect(byId.get("3")?.broken).toBe(true);
    expect(byId.get("4")).toMatchObject({ kind: "loveLeft", pairSeatId: "5", x: 3, y: 2 });
    expect(byId.get("5")).toMatchObject({ kind: "loveRight", pairSeatId: "4" });
    expect(byId.get("6")?.broken).toBe(true);
    expect([layout.rows, layout.cols]).toEqual([2, 5]);
  });

  it("maps seat-status values; anything unknown is unavailable", () => {
    const status = toSeatStatus([
      { cineSeatId: "1", rowValue: "1", columnValue: "1", seatStatus: "ok" },
      { cineSeatId: "2", rowValue: "1", columnValue: "2", seatStatus: "locked" },
      { cineSeatId: "3", rowValue: "1", columnValue: "3", seatStatus: "selled" },
      { cineSeatId: "4", rowValue: "1", columnValue: "4", seatStatus: "booked" },
      { cineSeatId: "5", rowValue: "1", columnValue: "5", seatStatus: "repair" },
      { cineSeatId: "6", rowValue: "1", columnValue: "6", seatStatus: "whatever" },
      { cineSeatId: "", rowValue: "0", columnValue: "0", seatStatus: "ok", type: "road" },
    ]);
    expect(status).toEqual({ "2": "locked", "3": "sold", "4": "sold", "5": "unavailable", "6": "unavailable" });
  });

  it("builds the sale's seat parameter as cineSeatId-serviceFee-submitPrice", () => {
    expect(
      sellSeatParam([
        { seatId: "173", feeFen: 300, priceFen: 3550 },
        { seatId: "174", feeFen: 0, priceFen: 4000 },
      ]),
    ).toBe("173-3.00-35.50,174-0.00-40.00");
  });
});
