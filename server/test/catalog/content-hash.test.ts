import { describe, expect, it } from "vitest";
import { contentHash } from "../../src/catalog/content-hash.js";

describe("contentHash", () => {
  it("ignores key order and undefined values", () => {
    expect(contentHash({ a: 1, b: [1, { c: 2 }] })).toBe(contentHash({ b: [1, { c: 2 }], a: 1, d: undefined }));
  });

  it("changes when a Date changes (a moved stop-selling time must be written)", () => {
    const at = (ms: number) => ({ stop_selling_at: new Date(ms) });
    expect(contentHash(at(1_000))).not.toBe(contentHash(at(61_000)));
    expect(contentHash(at(1_000))).toBe(contentHash(at(1_000)));
  });
});
