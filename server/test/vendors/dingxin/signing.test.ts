import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { dingxinSig, signedParams, signingString } from "../../../src/vendors/dingxin/signing.js";

const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");

/** public-refs §4.2 worked example (computed from the documented algorithm, demo key `K3y!demo`). */
const example = {
  cid: "4",
  pid: "10128",
  play_id: "5064",
  play_update_time: "2014-11-24 10:11:54",
  seat_id: "173,174",
  format: "json",
};

describe("鼎新 _sig (public-refs §4.2)", () => {
  it("joins every parameter but _sig in byte order of the names, values raw", () => {
    expect(signingString({ ...example, _sig: "ignored" })).toBe(
      "cid=4&format=json&pid=10128&play_id=5064&play_update_time=2014-11-24 10:11:54&seat_id=173,174",
    );
  });

  it("reproduces the worked example: inner and _sig", () => {
    const inner = md5(`K3y!demo${signingString(example)}`);
    expect(inner).toBe("b2c041db8c2f6d0b02b34a3a393e0b70");
    expect(dingxinSig(example, "K3y!demo")).toBe("85663f626c5ddbce6a88685943fd24e3");
  });

  it("covers pid and format: dropping format changes the signature", () => {
    const { format: _f, ...noFormat } = example;
    expect(dingxinSig(noFormat, "K3y!demo")).not.toBe(dingxinSig(example, "K3y!demo"));
  });

  it("sorts by byte order: uppercase and `_` before lowercase", () => {
    expect(signingString({ b: "1", B: "2", _x: "3", a: "4" })).toBe("B=2&_x=3&a=4&b=1");
  });

  it("signedParams adds pid and a _sig over the parameters including pid", () => {
    const { format: _f, pid: _p, ...rest } = example;
    const signed = signedParams({ ...rest, format: "json" }, "10128", "K3y!demo");
    expect(signed.pid).toBe("10128");
    expect(signed._sig).toBe("85663f626c5ddbce6a88685943fd24e3");
  });
});
