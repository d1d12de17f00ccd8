import { describe, expect, it } from "vitest";
import { HUOLIENIAO_CODES, REFUND_REFUSED, readCode } from "../../../src/vendors/huolieniao/codes.js";
import { huolieniao } from "../../../src/vendors/huolieniao/descriptor.js";
import { toLayout, toOrderState, toSeatStatus, toShowtime } from "../../../src/vendors/huolieniao/mapping.js";
import { parseDocument } from "../../../src/vendors/huolieniao/standard.js";

const wire = (xml: string, root: string) => parseDocument(xml, "test")[root] as Record<string, unknown>;

describe("火烈鸟 1.5 code table", () => {
  it("holds every code public-refs §6 shows, and the descriptor lists them", () => {
    expect(Object.keys(HUOLIENIAO_CODES).sort()).toEqual(["", "500"]);
    expect(huolieniao.codes.map((c) => c.vendorCode).sort()).toEqual(["", "500"]);
    expect(readCode("Success", "", "")).toMatchObject({ standard: "ok" });
    expect(readCode("Failure", "500", "更新影票状态失败")).toMatchObject({
      standard: "vendor_unavailable",
      vendorCode: "500",
      via: "table",
    });
  });

  it("reads unpublished codes by their text, and otherwise falls to vendor_unavailable with the raw code", () => {
    expect(readCode("Failure", "X1", "用户名或密码错误").standard).toBe("auth_failed");
    expect(readCode("Failure", "X2", "锁座失败：座位已被锁定或已售出").standard).toBe("seat_unavailable");
    expect(readCode("Failure", "X3", "票价低于最低价 30.00").standard).toBe("price_rejected");
    expect(readCode("Failure", "X4", "场次已停止销售").standard).toBe("showtime_closed");
    expect(readCode("Failure", "X5", "访问过于频繁").standard).toBe("rate_limited");
    expect(readCode("Failure", "X6", "订单不存在").standard).toBe("not_found");
    expect(readCode("Failure", "X7", "？？")).toEqual({
      standard: "vendor_unavailable",
      vendorCode: "X7",
      via: "default",
    });
    // Success with an ErrorCode set is not success.
    expect(readCode("Success", "9", "").standard).toBe("vendor_unavailable");
    expect(REFUND_REFUSED.test("场次已开场，不能退票")).toBe(true);
  });
});

describe("火烈鸟 1.5 mapping (public-refs §6.2 shapes)", () => {
  it("a session: ISO StartTime, Standard/Lowest/Guide prices, through-show films by Sequence", () => {
    const s = wire(
      '<Session ScreenCode="3501240101"><Code>01202612031930</Code><StartTime>2026-12-03T19:30:00</StartTime><PlaythroughFlag>Yes</PlaythroughFlag>' +
        "<Films><Film><Code>001202612345</Code><Name>B</Name><Duration>30</Duration><Sequence>2</Sequence></Film>" +
        "<Film><Code>001101852026</Code><Name>&#x706B;A</Name><Duration>90</Duration><Language>国语</Language><Sequence>1</Sequence></Film></Films>" +
        "<Price><LowestPrice>25.00</LowestPrice><StandardPrice>35.00</StandardPrice><GuidePrice>60.00</GuidePrice></Price></Session>",
      "Session",
    );
    const show = toShowtime(s, 0)!;
    expect(show).toMatchObject({
      vendorShowtimeId: "01202612031930",
      vendorHallId: "3501240101",
      vendorFilmId: "001101852026",
      filmTitle: "火A + B",
      language: "国语",
      onSale: true,
      price: { listFen: 6000, settleFen: 3500, lowestFen: 2500, serviceFeeFen: 0 },
    });
    expect(show.endsAt! - show.startsAt).toBe(120 * 60_000);
    const bad = toShowtime({ ...s, Price: { StandardPrice: "20.00", LowestPrice: "25.00" } }, 0)!;
    expect(bad.onSale).toBe(false);
    expect(bad.priceIssue).toContain("below LowestPrice");
  });

  it("seats: a GroupCode shared by two neighbours is a love pair; Unavailable is broken; seat states", () => {
    const seats = (wire(
      "<Screen>" +
        "<Seat><Code>a</Code><GroupCode>01</GroupCode><RowNum>1</RowNum><ColumnNum>1</ColumnNum><XCoord>1</XCoord><YCoord>1</YCoord><Status>Available</Status></Seat>" +
        "<Seat><Code>b</Code><GroupCode>L1</GroupCode><RowNum>1</RowNum><ColumnNum>2</ColumnNum><XCoord>2</XCoord><YCoord>1</YCoord><Status>Available</Status></Seat>" +
        "<Seat><Code>c</Code><GroupCode>L1</GroupCode><RowNum>1</RowNum><ColumnNum>3</ColumnNum><XCoord>3</XCoord><YCoord>1</YCoord><Status>Available</Status></Seat>" +
        "<Seat><Code>d</Code><GroupCode>01</GroupCode><RowNum>2</RowNum><ColumnNum>1</ColumnNum><XCoord>1</XCoord><YCoord>2</YCoord><Status>Unavailable</Status></Seat>" +
        "</Screen>",
      "Screen",
    ).Seat ?? []) as Record<string, unknown>[];
    const layout = toLayout("h", seats);
    expect(layout.seats.map((s) => [s.vendorSeatId, s.kind, s.pairSeatId ?? null, s.broken ?? false])).toEqual([
      ["a", "normal", null, false],
      ["b", "loveLeft", "c", false],
      ["c", "loveRight", "b", false],
      ["d", "normal", null, true],
    ]);
    expect(
      toSeatStatus([
        { Code: "a", Status: "Sold" },
        { Code: "b", Status: "Locked" },
        { Code: "c", Status: "Available" },
        { Code: "d", Status: "Odd" },
      ]),
    ).toEqual({
      a: "sold",
      b: "locked",
      d: "unavailable",
    });
  });

  it("orders: PrintNo + VerifyCode issued, all seats RefundStatus Yes refunded, otherwise pending", () => {
    expect(toOrderState({ OrderCode: "1" })).toEqual({ state: "pending", vendorOrderId: "1" });
    const issued = toOrderState({
      OrderCode: "1",
      PrintNo: "P",
      VerifyCode: "V",
      Seats: { Seat: [{ SeatCode: "a", FilmTicketCode: "T", PrintStatus: "Yes", RefundStatus: "No" }] },
    });
    expect(issued).toMatchObject({ state: "issued", tickets: [{ vendorSeatId: "a", ticketNo: "T" }], printed: true });
    expect(
      toOrderState({
        OrderCode: "1",
        PrintNo: "P",
        VerifyCode: "V",
        Seats: { Seat: { SeatCode: "a", RefundStatus: "Yes" } },
      }).state,
    ).toBe("refunded");
  });
});
