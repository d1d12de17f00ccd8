import { describe, expect, it } from "vitest";
import { checkValue, memberPairs, queryText, randKey, ticketPairs } from "../../../src/vendors/huofenghuang/signing.js";

// public-refs §5.1 worked example (computed there from the documented algorithm).
const LOCK_PARAMS: Array<[string, string]> = [
  ["orderNo", "14112915215"],
  ["ticketCount", "1"],
  ["hallId", "3"],
  ["sectionId", "01"],
  ["filmId", "05110071201201"],
  ["showSeqNo", "1"],
  ["showDate", "2014-12-02"],
  ["showTime", "2050"],
  ["seatId", "A:03"],
  ["lockMinuteTime", "15"],
];
const ACCOUNT = { userId: "DEMO", userPass: "888888" };
const CINEMA = { cinemaId: "11051601", cinemaLinkId: "999" };

describe("火凤凰 checkValue", () => {
  it("reproduces the refs' worked example (ticket order)", () => {
    const pairs = ticketPairs(LOCK_PARAMS, ACCOUNT, CINEMA, "12345678");
    expect(queryText(pairs.slice(0, -1))).toBe(
      "orderNo=14112915215&ticketCount=1&hallId=3&sectionId=01&filmId=05110071201201&showSeqNo=1&showDate=2014-12-02&showTime=2050&seatId=A:03&lockMinuteTime=15&userId=DEMO&userPass=888888&cinemaId=11051601&cinemaLinkId=999&randKey=12345678",
    );
    expect(pairs.at(-1)).toEqual(["checkValue", "ea2f251584363c84ec9b987583a13f40"]);
  });

  it("hashes raw values, not URL-encoded ones (the | and : of seatId, Chinese ticket types)", () => {
    const pairs = [
      ["seatId", "A:03|A:04"],
      ["ticketTypeList", "成人票|成人票"],
    ] as const;
    expect(checkValue(pairs)).toBe(
      checkValue([
        ["seatId", "A:03|A:04"],
        ["ticketTypeList", "成人票|成人票"],
      ]),
    );
    expect(queryText(pairs)).toBe("seatId=A:03|A:04&ticketTypeList=成人票|成人票");
    expect(checkValue(pairs)).not.toBe(checkValue([["seatId", encodeURIComponent("A:03|A:04")], pairs[1]]));
  });

  it("member order: method params + randKey under checkValue, userId/userPass after it", () => {
    const pairs = memberPairs([["cardFacadeCd", "8800001"]], ACCOUNT, "12345678");
    expect(pairs.map(([k]) => k)).toEqual(["cardFacadeCd", "randKey", "checkValue", "userId", "userPass"]);
    // md5("cardFacadeCd=8800001&randKey=12345678"), computed by hand from the rule.
    expect(pairs[2]![1]).toBe("d384291b7824f769aa2b308af7e92744");
  });

  it("randKey is 8 digits", () => {
    expect(randKey()).toMatch(/^\d{8}$/);
    expect(randKey(() => 0.999999)).toBe("99999999");
  });
});
