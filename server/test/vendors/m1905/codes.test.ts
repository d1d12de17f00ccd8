import { describe, expect, it } from "vitest";
import { M1905CODES, standardCode } from "../../../src/vendors/m1905/codes.js";
import { m1905 } from "../../../src/vendors/m1905/descriptor.js";

// public-refs §8.1/§8.3 show these codes and no others (§13: no errno table was found).
const DOCUMENTED = ["0", "300001", "900003", "100406"];

describe("1905 code table", () => {
  it("holds every code the refs show, and the descriptor publishes them", () => {
    expect(Object.keys(M1905CODES).sort()).toEqual([...DOCUMENTED].sort());
    expect(m1905.codes.map((r) => r.vendorCode).sort()).toEqual([...DOCUMENTED].sort());
    expect(standardCode("0", "vendor_unavailable")).toBe("ok");
  });

  it("an undocumented code takes the call's safe default, never a guess", () => {
    expect(standardCode("1001", "auth_failed")).toBe("auth_failed");
    expect(standardCode("1001", "vendor_unavailable")).toBe("vendor_unavailable");
    // A documented code keeps its own meaning whatever the call's default.
    expect(standardCode("100406", "auth_failed")).toBe("showtime_closed");
  });
});
