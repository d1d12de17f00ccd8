import { describe, expect, it } from "vitest";
import { orderState, startOf, toLayout, toSeatStatus, toShowtime } from "../../../src/vendors/huofenghuang/mapping.js";
import { parseReply } from "../../../src/vendors/huofenghuang/wire.js";

/** Reply shapes as public-refs §5.1–5.2 describe them, wrapped as the asmx service sends them. */
const wrapped = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><string xmlns="http://tempuri.org/">${inner
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")}</string>`;

describe("火凤凰 asmx replies", () => {
  it("reads the result from the root, or from the element it wraps (seatLock, bookingCancel)", () => {
    expect(
      parseReply(wrapped('<?xml version="1.0" encoding="GB2312"?><data version="1.0" result="0" message="成功"/>')),
    ).toMatchObject({ root: "data", result: "0", message: "成功" });
    expect(
      parseReply(
        wrapped(
          "<data><seatLock><result>3</result><messages><message>SLPE: Seat-Locking Processing Error</message></messages></seatLock></data>",
        ),
      ),
    ).toMatchObject({ result: "3", message: "SLPE: Seat-Locking Processing Error" });
    expect(parseReply(wrapped('<data><bookingCancel result="104" message="退票订单不存在"/></data>'))).toMatchObject({
      result: "104",
    });
    expect(parseReply(wrapped("<ticketPrint><result>1</result></ticketPrint>"))).toMatchObject({
      root: "ticketPrint",
      result: "1",
    });
  });

  it("a show: time without its leading zero, 14-character film id, lowest and section prices", () => {
    const reply = parseReply(
      wrapped(
        '<data result="0"><shows cinemaId="11051601" cinemaLinkId="999"><show hallId="3" hallName="3号厅" seqNo="8812" showSeqNo="1" date="2014-12-02" time="205" updateLevel="0" updateType="0">' +
          '<film id="05110071201201" filmUId="x" name="演示影片" language="国语" duration="120" imax="N" dimensional="2D" code="051100712012"/>' +
          '<price lowest="20.00"><section id="0000000000000001" standard="35" name="普通区"/><section id="0000000000000002" standard="50.5" name="VIP"/></price>' +
          '<through flag="N"/></show></shows></data>',
      ),
    );
    const show = toShowtime((reply.body.shows as { show: Record<string, unknown> }).show)!;
    expect(show.startsAt).toBe(Date.UTC(2014, 11, 1, 18, 5)); // 02:05 China time on 2 Dec
    expect(show.vendorShowtimeId).toBe("8812_1");
    expect(show.filmNationalCode).toBe("051100712012");
    expect(show.price).toEqual({ settleFen: 3500, listFen: 3500, lowestFen: 2000 });
    expect(show.areaPrices).toEqual([{ areaId: "0000000000000002", areaName: "VIP", settleFen: 5050 }]);
    expect(show.vendorData).toMatchObject({ hallId: "3", showSeqNo: "1", showDate: "2014-12-02", showTime: "205" });
    expect(startOf("2014-12-02", "2050")).toBe(Date.UTC(2014, 11, 2, 12, 50));
  });

  it("an unreadable price keeps the show off sale with the raw text", () => {
    const reply = parseReply(
      wrapped(
        '<data result="0"><shows><show hallId="1" seqNo="1" showSeqNo="1" date="2014-12-02" time="1930"><film id="05110071201201"/><price lowest="abc"><section id="01" standard="35"/></price></show></shows></data>',
      ),
    );
    const show = toShowtime((reply.body.shows as { show: Record<string, unknown> }).show)!;
    expect(show.onSale).toBe(false);
    expect(show.priceIssue).toBeDefined();
    expect(show.rawPrice).toContain('lowest="abc"');
  });

  it("a seat plan: sections, love-seat pairs by loveInd and grid neighbour, damaged seats", () => {
    const reply = parseReply(
      wrapped(
        '<data result="0"><seatPlan cinemaId="11051601" hallId="3"><effective date="2014-01-01">' +
          '<section id="01" name="普通区"><seat rowId="A" rowNum="1" columnId="01" columnNum="1" loveInd="0" damagedFlg="N"/>' +
          '<seat rowId="A" rowNum="1" columnId="02" columnNum="2" loveInd="0" damagedFlg="Y"/>' +
          '<seat rowId="B" rowNum="2" columnId="01" columnNum="1" loveInd="1" damagedFlg="N"/>' +
          '<seat rowId="B" rowNum="2" columnId="02" columnNum="2" loveInd="2" damagedFlg="N"/></section>' +
          '<section id="02" name="VIP"><seat rowId="C" rowNum="3" columnId="01" columnNum="1" loveInd="0" damagedFlg="N"/></section>' +
          "</effective></seatPlan></data>",
      ),
    );
    const layout = toLayout("3", reply.body.seatPlan as Record<string, unknown>);
    expect(layout.seats.map((s) => s.vendorSeatId)).toEqual(["01:A:01", "01:A:02", "01:B:01", "01:B:02", "02:C:01"]);
    expect(layout.seats[1]!.broken).toBe(true);
    expect(layout.seats[2]).toMatchObject({ kind: "loveLeft", pairSeatId: "01:B:02" });
    expect(layout.seats[3]).toMatchObject({ kind: "loveRight", pairSeatId: "01:B:01" });
    expect(layout.seats[4]!.areaId).toBe("02");
    expect(layout.areas).toEqual([{ id: "02", name: "VIP" }]);
    expect(layout).toMatchObject({ rows: 3, cols: 2 });
  });

  it("qryTicket lists the seats that cannot be had", () => {
    const reply = parseReply(
      wrapped(
        '<data result="0"><showSeats><section id="01"><seat rowId="A" columnId="03"/><seat rowId="A" columnId="04"/></section></showSeats></data>',
      ),
    );
    expect(toSeatStatus("01", reply.body.showSeats as Record<string, unknown>)).toEqual({
      "01:A:03": "unavailable",
      "01:A:04": "unavailable",
    });
  });

  it("qryOrder statusInd: 1 issued with bookingId + confirmationId, 0 pending, anything else failed", () => {
    const detail = (status: string, codes = "") =>
      parseReply(
        wrapped(
          `<data result="0"><orderDetail><cinemaId>11051601</cinemaId><seats><seat ticketNo="T1" sectionId="01" rowId="A" columnId="03" statusInd="S" printedFlg="N"/></seats><statusInd>${status}</statusInd>${codes}</orderDetail></data>`,
        ),
      ).body.orderDetail as Record<string, unknown>;
    expect(
      orderState(detail("1", "<bookingId>141129152150</bookingId><confirmationId>123456</confirmationId>"), "o1"),
    ).toEqual({
      state: "issued",
      vendorOrderId: "o1",
      tickets: [{ vendorSeatId: "01:A:03", ticketNo: "T1" }],
      pickup: { printCode: "141129152150", verifyCode: "123456" },
      printed: false,
    });
    expect(orderState(detail("0"), "o1")).toEqual({ state: "pending", vendorOrderId: "o1" });
    expect(orderState(detail("5"), "o1")).toMatchObject({
      state: "failed",
      reason: expect.stringContaining("statusInd 5"),
    });
  });
});
