import { describe, expect, it } from "vitest";
import { verifyInfo as simulatorVerifyInfo } from "../../../../simulators/src/m1905/verify.js";
import { m1905VerifyInfo, signedForm } from "../../../src/vendors/m1905/signing.js";

// public-refs §8.1's own worked examples (app 1000000001, key 0123456789abcdef0123456789abcdef),
// computed from the documented algorithm: md5(appCode + values in send order + key), lowercase hex.
const APP = "1000000001";
const KEY = "0123456789abcdef0123456789abcdef";

describe("1905 pVerifyInfo", () => {
  it("GetScreenSeat(pCinemaID=194, pScreenID=K7) → 8d0c0aba…", () => {
    expect(m1905VerifyInfo(APP, ["194", "K7"], KEY)).toBe("8d0c0aba64d5d8e85f339e7a8ca2d23d");
  });

  it("LockSeatCustom with comma lists → 471ad00c…", () => {
    const values = ["S20240501001", "1714530000000abcdefg", "1001,1002", "35.0,35.0", "3.0,3.0"];
    expect(m1905VerifyInfo(APP, values, KEY)).toBe("471ad00c7cee5bcaf4f397592178b468");
  });

  it("nothing is lower-cased: the case of a value changes the hash", () => {
    expect(m1905VerifyInfo(APP, ["194", "k7"], KEY)).not.toBe(m1905VerifyInfo(APP, ["194", "K7"], KEY));
  });

  it("the signed form is pAppCode first, the parameters in order, pVerifyInfo last", () => {
    const form = signedForm(
      APP,
      [
        ["pCinemaID", "194"],
        ["pScreenID", "K7"],
      ],
      KEY,
    );
    expect(form).toBe("pAppCode=1000000001&pCinemaID=194&pScreenID=K7&pVerifyInfo=8d0c0aba64d5d8e85f339e7a8ca2d23d");
    expect(form).not.toContain(KEY);
  });

  it("UTF-8 values (Chinese text) hash as UTF-8 bytes, and the simulator agrees", () => {
    const values = ["194", "张三"];
    // md5 of the UTF-8 string, independently: the simulator's verifier was written from the refs too.
    expect(m1905VerifyInfo(APP, values, KEY)).toBe(simulatorVerifyInfo(APP, values, KEY));
    expect(m1905VerifyInfo(APP, values, KEY)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("a call without parameters (GetFeatureFilm) signs appCode + key", () => {
    expect(m1905VerifyInfo(APP, [], KEY)).toBe(simulatorVerifyInfo(APP, [], KEY));
    expect(signedForm(APP, [], KEY)).toMatch(/^pAppCode=1000000001&pVerifyInfo=[0-9a-f]{32}$/);
  });
});
