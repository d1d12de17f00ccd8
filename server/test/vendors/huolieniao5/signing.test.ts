import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ngcSign as simulatorSign, verifySign } from "../../../../simulators/src/huolieniao5/sign.js";
import { encodedSigningString, javaUrlEncode, ngcSign, signedForm } from "../../../src/vendors/huolieniao5/signing.js";

const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");

// public-refs §7.1's worked example (key SecKeyDemo): sign = md5(key + URLEncode(sorted name=value&…) + key).
const KEY = "SecKeyDemo";
const LOCK = {
  channelCode: "C001",
  channelOrderCode: "O20241001",
  channelShowCode: "141000000003",
  seatCodes: "0300000100100101,0300000100100201",
};
const ENCODED =
  "channelCode%3DC001%26channelOrderCode%3DO20241001%26channelShowCode%3D141000000003%26seatCodes%3D0300000100100101%2C0300000100100201";

describe("火烈鸟 5.0 sign", () => {
  it("encodes the sorted joined string exactly as the refs' worked example", () => {
    expect(encodedSigningString(LOCK)).toBe(ENCODED);
  });

  it("lockSeats worked example → 7b26979a…", () => {
    expect(ngcSign(LOCK, KEY)).toBe("7b26979acee578f608172bb4d8ea0b6a");
    expect(md5(`${KEY}${ENCODED}${KEY}`)).toBe("7b26979acee578f608172bb4d8ea0b6a");
  });

  it("sorts by name whatever order the parameters come in, and never signs `sign` itself", () => {
    const shuffled = {
      seatCodes: LOCK.seatCodes,
      channelShowCode: LOCK.channelShowCode,
      channelOrderCode: LOCK.channelOrderCode,
      channelCode: "C001",
    };
    expect(ngcSign(shuffled, KEY)).toBe("7b26979acee578f608172bb4d8ea0b6a");
    expect(ngcSign({ ...LOCK, sign: "anything" }, KEY)).toBe("7b26979acee578f608172bb4d8ea0b6a");
  });

  it("uses Java URLEncoder semantics: space → +, * kept, ~ ( ) ! ' encoded, UTF-8 uppercase hex", () => {
    expect(javaUrlEncode("a b*c~(d)!'")).toBe("a+b*c%7E%28d%29%21%27");
    expect(javaUrlEncode("大地")).toBe("%E5%A4%A7%E5%9C%B0");
    // A submitOrder with a time-like value and colons: hashed as the algorithm says, by hand.
    const params = { channelCode: "C001", mobile: "13800138000", orderCode: "A 1", orderSeats: "s1:40.00:35.00" };
    const byHand = "channelCode%3DC001%26mobile%3D13800138000%26orderCode%3DA+1%26orderSeats%3Ds1%3A40.00%3A35.00";
    expect(encodedSigningString(params)).toBe(byHand);
    expect(ngcSign(params, KEY)).toBe(md5(`${KEY}${byHand}${KEY}`));
  });

  it("the signed form adds channelCode and a sign the simulator accepts; a changed value fails", () => {
    const form = signedForm(
      { channelOrderCode: "O20241001", channelShowCode: "141000000003", seatCodes: LOCK.seatCodes },
      "C001",
      KEY,
    );
    expect(form.channelCode).toBe("C001");
    expect(form.sign).toBe("7b26979acee578f608172bb4d8ea0b6a");
    expect(simulatorSign(form, KEY)).toBe(form.sign);
    expect(verifySign(form, KEY)).toBe(true);
    expect(verifySign({ ...form, seatCodes: "0300000100100101" }, KEY)).toBe(false);
    expect(verifySign(form, "OtherKey")).toBe(false);
  });
});
