import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { vendorErrorCodes } from "../../../src/domain/errors.js";
import {
  movieTypes,
  movieVersions,
  orderStatuses,
  returnCodes,
  standardCode,
} from "../../../src/vendors/moviefan/codes.js";

/** Codes as listed in doc 001 (返回码 / 订单状态 / queryOrder table / movieTypes / MovieVersion). */
const DOC_RETURN_CODES = [1, 100, 101, 200, 201, 300, 301, 302, 303];
const DOC_ORDER_STATUSES = [0, 2, 10, 20, 30, 40, 100, 110];

const DOC_PATH = new URL("../../../../../shared/vendor-docs/001_d7ce714cf679534d.txt", import.meta.url);

describe("Moviefan code tables", () => {
  it("maps every 通用返回码 of the document to the standard vocabulary", () => {
    for (const code of DOC_RETURN_CODES) {
      const mapped = returnCodes[code];
      expect(mapped, `code ${code}`).toBeDefined();
      expect(["ok", ...vendorErrorCodes]).toContain(mapped!.code);
    }
    expect(
      Object.keys(returnCodes)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(DOC_RETURN_CODES);
  });

  it("covers the codes read from the document itself, when it is present", () => {
    if (!existsSync(DOC_PATH)) return;
    const text = readFileSync(DOC_PATH, "utf8");
    const section = text.slice(text.indexOf("通用返回码"), text.indexOf("订单状态", text.indexOf("通用返回码")));
    const codes = [...section.matchAll(/^\s*(\d+)\s*$/gm)].map((m) => Number(m[1]));
    expect(codes.length).toBeGreaterThan(5);
    for (const c of codes) expect(returnCodes[c], `code ${c}`).toBeDefined();
    const statusLine = /订单状态\(([^)]*)\)/.exec(text)?.[1] ?? "";
    const statuses = [...statusLine.matchAll(/(\d+):/g)].map((m) => Number(m[1]));
    expect(statuses).toEqual(DOC_ORDER_STATUSES);
  });

  it("maps every order status, and only 30 and 40 are final", () => {
    for (const s of DOC_ORDER_STATUSES) expect(orderStatuses[s], `status ${s}`).toBeDefined();
    const final = Object.entries(orderStatuses).filter(([, v]) => v.issue !== "pending");
    expect(final.map(([k]) => Number(k))).toEqual([30, 40]);
  });

  it("has the document's film version and type tables", () => {
    expect(Object.keys(movieVersions)).toHaveLength(7);
    expect(movieVersions[4]).toBe("IMAX3D");
    expect(Object.keys(movieTypes)).toHaveLength(29);
    expect(movieTypes[14]).toBe("冒险片");
  });

  it("reads a 100 that says 'too frequent' as a rate limit, any other 100 as an outage", () => {
    expect(standardCode(100, "请求过于频繁，请稍后再试")).toBe("rate_limited");
    expect(standardCode(100, "系统错误")).toBe("vendor_unavailable");
    expect(standardCode(999, "?")).toBe("vendor_unavailable");
    expect(standardCode(1, "")).toBe("ok");
  });
});
