import { describe, expect, it } from "vitest";
import { cinemaCodes, demoAccount, simulatorHead } from "../../src/core/descriptor.js";

describe("simulator descriptor helpers", () => {
  it("a demo account field is overridden by SIM_<VENDOR>_<FIELD>, named from the field", () => {
    const env = { SIM_CHENXING_VERIFY_KEY: "from-env", SIM_LINGDONG_MD5_KEY: "md5-env" };
    expect(demoAccount("chenxing", { appCode: "CINEGATE", verifyKey: "default" }, env)).toEqual({
      appCode: "CINEGATE",
      verifyKey: "from-env",
    });
    expect(demoAccount("lingdong", { md5Key: "k", busId: "bus001" }, env)).toEqual({
      md5Key: "md5-env",
      busId: "bus001",
    });
  });

  it("a descriptor's head names the id once: the demo account reads SIM_<ID>_<FIELD>", () => {
    const env = { SIM_HUOLIENIAO5_CHANNEL_CODE: "C009" };
    expect(simulatorHead("huolieniao5", 7110, { channelCode: "C001", key: "k" }, env)).toEqual({
      id: "huolieniao5",
      demoPort: 7110,
      demoAccount: { channelCode: "C009", key: "k" },
    });
  });

  it("cinema codes: the national code itself, or the vendor's own numbers in order", () => {
    expect(cinemaCodes.national.internalCode("44010101")).toBe("44010101");
    const own = cinemaCodes.numberedFrom(201);
    expect([0, 1, 2].map((i) => own.internalCode("44010101", i))).toEqual(["201", "202", "203"]);
  });
});
