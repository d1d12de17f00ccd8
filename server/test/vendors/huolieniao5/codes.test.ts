import { describe, expect, it } from "vitest";
import { brandIds, brandLabel } from "../../../src/vendors/huolieniao5/brands.js";
import { HUOLIENIAO5CODES, standardCode } from "../../../src/vendors/huolieniao5/codes.js";
import { huolieniao5 } from "../../../src/vendors/huolieniao5/descriptor.js";

// public-refs §7.3, every code and range it lists, plus 345 seen from a live 火烈鸟 v3.0 server.
const single = [
  "001",
  "900",
  "901",
  "902",
  "996",
  "997",
  "998",
  "999",
  "100",
  "101",
  "120",
  "140",
  "200",
  "202",
  "204",
];
const ticketing = ["220", "221", "222", "223", "226", "230", "240", "241", "242", "243", "244", "245", "246", "250"];
const more = ["260", "261", "262", "263", "294", "300", "301", "302", "303", "311", "312", "313", "324", "345"];
const ranges = [
  [224, 229],
  [280, 298],
  [320, 325],
];

describe("火烈鸟 5.0 code table", () => {
  it("holds every code §7.3 lists, and the descriptor shows them all", () => {
    const all = [...single, ...ticketing, ...more];
    for (const [from, to] of ranges) for (let c = from!; c <= to!; c++) all.push(String(c));
    for (const code of all) expect(HUOLIENIAO5CODES[code], code).toBeDefined();
    expect(huolieniao5.codes.map((r) => r.vendorCode).sort()).toEqual([...new Set(all)].sort());
  });

  it("maps the ones that steer recovery and support", () => {
    expect(standardCode("001", "vendor_unavailable")).toBe("ok");
    expect(standardCode("998", "vendor_unavailable")).toBe("auth_failed");
    expect(standardCode("223", "vendor_unavailable")).toBe("price_rejected");
    expect(standardCode("250", "vendor_unavailable")).toBe("refund_refused");
    // Card charged, order confirm failed: nothing is known until asked.
    expect(standardCode("324", "vendor_unavailable")).toBe("outcome_unknown");
    // Unknown codes take the call's default.
    expect(standardCode("12345", "auth_failed")).toBe("auth_failed");
  });

  it("names every brand for support, the YXT ones with the family", () => {
    expect(brandIds).toEqual(["huolieniao", "dadi", "zhouli", "jinyi", "weiying", "tianhe"]);
    expect(brandLabel("dadi")).toEqual({ zh: "大地（火烈鸟 5.0 / YXT）", en: "Dadi (Huolieniao 5.0 / YXT)" });
    expect(brandLabel(undefined).zh).toBe("火烈鸟 5.0");
  });
});
