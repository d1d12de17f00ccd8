import { createPublicKey, createVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  memberAesKey,
  memberEncrypt,
  memberK,
  memberSign,
  memberSignString,
} from "../../../src/vendors/huolieniao/member-signing.js";
import {
  digestOf,
  freshSigningKey,
  passwordMd5,
  signatureXml,
  signedInfo,
} from "../../../src/vendors/huolieniao/signing.js";
import {
  canonical,
  leaf,
  operation,
  otsDatetime,
  queryDocument,
  soapQuery,
} from "../../../src/vendors/huolieniao/standard.js";

/**
 * Worked examples computed from the documented algorithms (public-refs §6.1, §6.4) outside this
 * code: md5 with `md5sum`, the SHA-1 digests with `openssl dgst -sha1 -binary | base64` over the
 * canonical text written out by hand, the member-API values from public-refs §6.4's own example.
 */
describe("火烈鸟 1.5 query credentials and signature (national standard 2013)", () => {
  it("Password is md5(password), 32 lowercase hex", () => {
    expect(passwordMd5("huolieniao-demo-password")).toBe("873d924842f08bd09f660f5072f1e9cd");
  });

  it("the operation element is canonical (attributes sorted, no self-closing tags) and digested with SHA-1", () => {
    const op = operation("QueryCinema", { CinemaCode: "35012401" });
    expect(canonical(op)).toBe('<QueryCinema CinemaCode="35012401" Id="ID_QueryCinema"></QueryCinema>');
    expect(digestOf(op)).toBe("spDArpNJMlgny9Yt7k3mGUgeoNs=");
    const lock = operation("LockSeat", { CinemaCode: "35012401" }, [
      {
        name: "Order",
        children: [
          leaf("SessionCode", "01202612031930"),
          leaf("Count", "2"),
          { name: "Seat", attrs: { SeatCode: "3501240101005007" } },
          { name: "Seat", attrs: { SeatCode: "3501240101005008" } },
        ],
      },
    ]);
    expect(digestOf(lock)).toBe("7lciTg0h+l7exTqAmfDwpIxIiOs=");
  });

  it("the RSA-SHA1 SignatureValue verifies over the canonical SignedInfo with the key sent in KeyInfo", () => {
    const op = operation("QueryCinema", { CinemaCode: "35012401" });
    const key = freshSigningKey();
    const xml = signatureXml(op, key);
    expect(xml).toContain('<ds:Reference URI="#ID_QueryCinema">');
    expect(xml).toContain("<ds:DigestValue>spDArpNJMlgny9Yt7k3mGUgeoNs=</ds:DigestValue>");
    const value = /<ds:SignatureValue>([^<]+)</.exec(xml)?.[1] ?? "";
    const modulus = /<ds:Modulus>([^<]+)</.exec(xml)?.[1] ?? "";
    const exponent = /<ds:Exponent>([^<]+)</.exec(xml)?.[1] ?? "";
    const b64url = (b: string) => Buffer.from(b, "base64").toString("base64url");
    const pub = createPublicKey({ key: { kty: "RSA", n: b64url(modulus), e: b64url(exponent) }, format: "jwk" });
    const info = canonical(signedInfo(op));
    expect(info.startsWith('<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">')).toBe(true);
    expect(createVerify("RSA-SHA1").update(info).verify(pub, value, "base64")).toBe(true);
  });

  it("the query document and SOAP 1.2 envelope carry Username, md5 Password and the escaped msg", () => {
    const op = operation("QueryCinema", { CinemaCode: "35012401" });
    // 2026-12-03 19:30:00 China time.
    const at = Date.UTC(2026, 11, 3, 11, 30);
    expect(otsDatetime(at)).toBe("2026-12-03T19:30:00");
    const doc = queryDocument({ datetime: otsDatetime(at), username: "cinegate", passwordMd5: passwordMd5("x") }, op);
    expect(doc).toBe(
      '<OnlineTicketingServiceQuery Datetime="2026-12-03T19:30:00" Password="9dd4e461268c8034f5c8564e155c67a6" Username="cinegate" Version="1.0">' +
        '<QueryCinema CinemaCode="35012401" Id="ID_QueryCinema"></QueryCinema></OnlineTicketingServiceQuery>',
    );
    const env = soapQuery(doc);
    expect(env).toContain(
      '<m:query xmlns:m="http://www.crifst.ac.cn/2013/OTSAPI"><m:msg>&lt;OnlineTicketingServiceQuery ',
    );
    expect(env).toContain('xmlns:soap="http://www.w3.org/2003/05/soap-envelope"');
  });
});

describe("火烈鸟 1.5 member-card API signing (a 火烈鸟 extension; public-refs §6.4 worked example)", () => {
  const channelKey = "demoChannelKey";

  it("K, the AES key and the encrypted password", () => {
    expect(memberK(channelKey)).toBe("9E1025859EDB4766D94AA0B69F9B111C");
    expect(memberAesKey(channelKey).toString("hex")).toBe("8471728921bc838a6d9ca0fa9122ed97");
    expect(memberEncrypt("123456", channelKey)).toBe("003E7220ECB1BC31C5A391E0E51DA50E");
  });

  it("sign over the sorted, URL-encoded parameters", () => {
    const params = {
      requestDate: "2024-05-01 10:00:00",
      password: "003E7220ECB1BC31C5A391E0E51DA50E",
      channelCode: "01010071",
      cardCode: "800001",
    };
    expect(memberSignString({ ...params, sign: "ignored" })).toBe(
      "cardCode=800001&channelCode=01010071&password=003E7220ECB1BC31C5A391E0E51DA50E&requestDate=2024-05-01 10:00:00",
    );
    expect(memberSign(params, channelKey)).toBe("f7b80a3b1fcc03ae8594e89fa66f6f4c");
  });
});
