import { describe, expect, it } from "vitest";
import { decryptSensitive, deriveKey, encryptSensitive } from "../../../src/vendors/ykse/aes.js";
import { buildParams, sign, signedParams, signingBase } from "../../../src/vendors/ykse/signing.js";

describe("ykse signing (doc 002 §2)", () => {
  it("reproduces the §2.2 worked example exactly", () => {
    const params = {
      api: "ykse.partner.seat.getSeats",
      v: "1.0",
      channelCode: "YKSE",
      timestamp: "1455678273752",
      data: '{"cinemaLinkId":"888","hallId":"1"}',
    };
    expect(signingBase(params)).toBe(
      'apiykse.partner.seat.getSeatschannelCodeYKSEdata{"cinemaLinkId":"888","hallId":"1"}timestamp1455678273752v1.0',
    );
    expect(sign(params, "12345")).toBe("1dac7e94adf6fe5a28621c0ddba27ea5");
  });

  it("signs every parameter except sign, extra ones included, sorted by name", () => {
    const p = buildParams({
      api: "ykse.partner.card.getCardConsumeRecords",
      channelCode: "GWL",
      timestampMs: 1463104877074,
      data: { cinemaLinkId: "58" },
      extra: { pageNo: "1" },
    });
    const signed = signedParams(p, "k");
    expect(signingBase(signed)).toBe(
      'apiykse.partner.card.getCardConsumeRecordschannelCodeGWLdata{"cinemaLinkId":"58"}pageNo1timestamp1463104877074v1.0',
    );
    expect(signed.sign).toBe(sign(p, "k"));
    expect(buildParams({ api: "a", channelCode: "c", timestampMs: 1 }).data).toBe("{}");
  });
});

describe("ykse card-password encryption (doc 002 §3)", () => {
  const key = "21218CCA77804D2BA1922C33E0151105";
  const iv = Buffer.from("YKSE1234YKSE1234");
  // The document's ciphertext with its PDF l/I conversion errors corrected (3 characters):
  //   printed  td8hvk/Brav7lpl9s/x4tu/6gsRGHhzliG6Uov9JfSsZIPS27/eA0tpMdFvDF1Qb
  //   correct  td8hvk/Brav7lpI9s/x4tu/6gsRGHhzIiG6Uov9JfSsZlPS27/eA0tpMdFvDF1Qb
  //                        ^ I            ^ I           ^ l
  const printed = "WUtTRTEyMzRZS1NFMTIzNAtd8hvk/Brav7lpl9s/x4tu/6gsRGHhzliG6Uov9JfSsZIPS27/eA0tpMdFvDF1Qb";
  const corrected = "WUtTRTEyMzRZS1NFMTIzNAtd8hvk/Brav7lpI9s/x4tu/6gsRGHhzIiG6Uov9JfSsZlPS27/eA0tpMdFvDF1Qb";

  it("derives md5key f8e3380591f00565 (§3.4 step 1)", () => {
    expect(deriveKey(key).toString("latin1")).toBe("f8e3380591f00565");
  });

  it("encrypts 123456 with IV YKSE1234YKSE1234 to the document's result (l/I corrected)", () => {
    const out = encryptSensitive("123456", key, iv);
    expect(out.slice(0, 22)).toBe("WUtTRTEyMzRZS1NFMTIzNA");
    expect(out).toBe(corrected);
    // Only the three l/I characters differ from the printed text.
    const diffs = [...out].flatMap((c, i) => (c === printed[i] ? [] : [`${printed[i]}→${c}`]));
    expect(diffs).toEqual(["l→I", "l→I", "I→l"]);
  });

  it("decrypts the corrected example back to 123456 and rejects the printed one", () => {
    expect(decryptSensitive(corrected, key)).toBe("123456");
    expect(decryptSensitive(printed, key)).toBeUndefined();
    expect(decryptSensitive("short", key)).toBeUndefined();
  });

  it("round-trips with a random IV and never repeats a ciphertext", () => {
    const a = encryptSensitive("654321", "0123456789abcdef");
    const b = encryptSensitive("654321", "0123456789abcdef");
    expect(a).not.toBe(b);
    expect(decryptSensitive(a, "0123456789abcdef")).toBe("654321");
    expect(decryptSensitive(a, "another-key")).toBeUndefined();
  });
});
