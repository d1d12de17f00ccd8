import { describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import { CHENXING_CODES, CHENXING_INNER_CODES, REFUND_REFUSED, readCode } from "../../../src/vendors/chenxing/codes.js";
import { chenxing } from "../../../src/vendors/chenxing/descriptor.js";
import { toLayout, toOrderState, toSeatStatus, toShowtime } from "../../../src/vendors/chenxing/mapping.js";

describe("辰星 code table (public-refs §3.1, §3.4; no 附录A)", () => {
  it("lists every code the refs show, in the descriptor too", () => {
    expect(Object.keys(CHENXING_CODES).sort()).toEqual(["0", "100302"]);
    expect(Object.keys(CHENXING_INNER_CODES).sort()).toEqual(["10208", "10252"]);
    expect(chenxing.codes.map((c) => c.vendorCode).sort()).toEqual(["0", "100302", "100302/10208", "100302/10252"]);
  });

  it("reads the refs' own samples", () => {
    expect(readCode("0", "")).toMatchObject({ standard: "ok" });
    expect(readCode("100302", "网络代售系统异常: 锁座失败(错误码：10208)")).toEqual({
      standard: "seat_unavailable",
      vendorCode: "100302/10208",
      via: "inner",
    });
    expect(
      readCode("100302", "网络代售系统异常: 传入数据中票价不符合要求（标准价35.00，服务费2.00）(错误码：10252)"),
    ).toMatchObject({
      standard: "price_rejected",
      vendorCode: "100302/10252",
    });
  });

  it("falls back on the text, then on the safe default", () => {
    expect(readCode("5", "验证信息错误").standard).toBe("auth_failed");
    expect(readCode("5", "访问过于频繁").standard).toBe("rate_limited");
    expect(readCode("100302", "网络代售系统异常: 场次已停止销售").standard).toBe("showtime_closed");
    // 验证码 (the pickup verify code) is not 验证信息: not an authentication failure.
    expect(readCode("5", "取票验证码不正确").standard).toBe("vendor_unavailable");
    expect(readCode("100302", "网络代售系统异常: 内部错误(错误码：99999)")).toEqual({
      standard: "vendor_unavailable",
      vendorCode: "100302/99999",
      via: "table",
    });
    expect(readCode("42", "something else")).toMatchObject({
      standard: "vendor_unavailable",
      vendorCode: "42",
      via: "default",
    });
  });

  it("recognises refund refusals by text", () => {
    expect(REFUND_REFUSED.test("影票已取票，不能退票")).toBe(true);
    expect(REFUND_REFUSED.test("已超过退票时间，不允许退票")).toBe(true);
    expect(REFUND_REFUSED.test("系统内部错误")).toBe(false);
  });
});

const site = (code: string, group: string, x: number, y: number, status = "Available") => ({
  SeatCode: code,
  GroupCode: group,
  RowNum: String(y),
  ColumnNum: String(x),
  XCoord: String(x),
  YCoord: String(y),
  Status: status,
});

describe("辰星 mapping", () => {
  it("pairs love seats by shared GroupCode (left = smaller XCoord); a lone or crowded group is normal", () => {
    const layout = toLayout("S1", [
      site("a", "1", 1, 1),
      site("b", "1", 2, 1),
      site("c", "1", 3, 1, "Unavailable"),
      site("r", "L9", 5, 2),
      site("l", "L9", 4, 2),
      site("x", "L8", 6, 2),
    ]);
    const by = new Map(layout.seats.map((s) => [s.vendorSeatId, s]));
    expect(by.get("l")).toMatchObject({ kind: "loveLeft", pairSeatId: "r" });
    expect(by.get("r")).toMatchObject({ kind: "loveRight", pairSeatId: "l" });
    expect(by.get("x")!.kind).toBe("normal");
    expect(by.get("a")!.kind).toBe("normal");
    expect(by.get("c")!.broken).toBe(true);
    expect(layout).toMatchObject({ rows: 2, cols: 6 });
  });

  it("reads a CinemaPlan: yuan to fen, the floor, the fee, a through-show's films in sequence", () => {
    const now = parseChinaLocal("2024-05-01 10:00:00");
    const s = toShowtime(
      {
        ScreenCode: "6254917401",
        FeatureAppNo: "0001202405010001",
        StartTime: "2024-05-01 19:30:00",
        PlaythroughFlag: "Yes",
        MarketingCode: "",
        Films: {
          Film: [
            { FilmCode: "001202452024", FilmName: "乙", Lang: "国语", Duration: "60", Sequence: "2" },
            { FilmCode: "001101852024", FilmName: "甲", Lang: "国语", Duration: "90", Sequence: "1" },
          ],
        },
        Price: {
          LowestPrice: "25.00",
          StandardPrice: "35.00",
          ListingPrice: "60.00",
          ServiceAddFee: "2.00",
          CinemaAllowance: "1.50",
        },
      },
      now,
    )!;
    expect(s).toMatchObject({
      vendorShowtimeId: "0001202405010001",
      vendorHallId: "6254917401",
      vendorFilmId: "001101852024",
      filmTitle: "甲 + 乙",
      onSale: true,
      price: { listFen: 6000, settleFen: 3500, lowestFen: 2500, serviceFeeFen: 200 },
      vendorData: { cinemaAllowance: "1.50", playthrough: true },
    });
    expect(s.endsAt! - s.startsAt).toBe(150 * 60_000);
    expect(s.stopSellingAt).toBe(s.startsAt - 15 * 60_000);
  });

  it("keeps a plan whose price cannot be read off sale, with the raw text", () => {
    const s = toShowtime(
      { FeatureAppNo: "1", StartTime: "2024-05-01 19:30:00", Price: { StandardPrice: "三十五", LowestPrice: "25.00" } },
      0,
    )!;
    expect(s.onSale).toBe(false);
    expect(s.priceIssue).toContain("StandardPrice");
    expect(s.rawPrice).toContain('StandardPrice="三十五"');
  });

  it("seat states: Locked/Sold/Booked/Unavailable; Available left out", () => {
    expect(
      toSeatStatus([
        { SeatCode: "1", Status: "Available" },
        { SeatCode: "2", Status: "Locked" },
        { SeatCode: "3", Status: "Sold" },
        { SeatCode: "4", Status: "Booked" },
        { SeatCode: "5", Status: "Weird" },
      ]),
    ).toEqual({ "2": "locked", "3": "sold", "4": "sold", "5": "unavailable" });
  });

  it("order state: 1 failed, 2 refunded, PrintNo + VerifyCode issued, anything else pending", () => {
    expect(toOrderState({ OrderCode: "A", OrderStatus: "1" }).state).toBe("failed");
    expect(toOrderState({ OrderCode: "A", OrderStatus: "2", PrintNo: "1", VerifyCode: "2" }).state).toBe("refunded");
    const issued = toOrderState(
      { OrderCode: "A", OrderStatus: "9", PrintNo: "2024050112345678", VerifyCode: "654321" },
      ["s1"],
    );
    expect(issued).toMatchObject({ state: "issued", vendorOrderId: "A", tickets: [{ vendorSeatId: "s1" }] });
    expect(toOrderState({ OrderCode: "A", OrderStatus: "0", PrintNo: "", VerifyCode: "" })).toEqual({
      state: "pending",
      vendorOrderId: "A",
    });
  });
});
