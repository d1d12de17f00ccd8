import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { selfSignedCertificate } from "../../../simulators/src/wechatpay/keys.js";
import { aeadDecrypt, aeadEncrypt } from "../../src/payments/wechat-v3/aead.js";
import { PlatformKeys, parsePlatformKey } from "../../src/payments/wechat-v3/platform-keys.js";
import {
  authorizationHeader,
  parseAuthorization,
  paySignString,
  requestSignString,
  responseSignString,
  rsaSign,
  rsaVerify,
} from "../../src/payments/wechat-v3/signing.js";

// payments.md §1.6: the official paySign vectors cannot be reproduced without the doc's private
// key, which is not published — so every signature here is checked as a round trip with generated keys.
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const other = generateKeyPairSync("rsa", { modulusLength: 2048 });

describe("WeChat Pay v3 strings (payments.md §1.3, §1.4, §1.6)", () => {
  it("builds the 5-line request string, each line ending in \\n, GET ending in \\n\\n", () => {
    const s = requestSignString({
      method: "get",
      canonicalUrl: "/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1230000109",
      timestamp: 1554208460,
      nonce: "593BEC0C930BF1AFEB40B4A08C8FB242",
      body: "",
    });
    expect(s).toBe(
      "GET\n/v3/pay/transactions/out-trade-no/1217752501201407033233368018?mchid=1230000109\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n",
    );
    expect(s).not.toContain("\r");
  });

  it("builds the paySign string from the doc's published inputs", () => {
    // The inputs of S1's example (§1.6): appId, timeStamp, nonceStr, package.
    expect(
      paySignString(
        "wx2421b1c4370ec43b",
        "1554208460",
        "593BEC0C930BF1AFEB40B4A08C8FB242",
        "prepay_id=wx201410272009395522657a690389285100",
      ),
    ).toBe(
      "wx2421b1c4370ec43b\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\nprepay_id=wx201410272009395522657a690389285100\n",
    );
    expect(responseSignString("1554208460", "n", "{}")).toBe("1554208460\nn\n{}\n");
  });

  it("signs an Authorization header whose parameters parse by name and verify", () => {
    const req = {
      method: "POST",
      canonicalUrl: "/v3/pay/transactions/jsapi",
      timestamp: 1_700_000_000,
      nonce: "ABC",
      body: '{"a":1}',
    };
    const header = authorizationHeader(
      { mchId: "1900000109", serialNo: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", privateKey },
      req,
    );
    expect(header.startsWith("WECHATPAY2-SHA256-RSA2048 ")).toBe(true);
    const p = parseAuthorization(header)!;
    expect(p).toMatchObject({
      mchid: "1900000109",
      nonce_str: "ABC",
      timestamp: "1700000000",
      serial_no: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
    });
    expect(rsaVerify(publicKey, requestSignString(req), p.signature!)).toBe(true);
    // Another order of the same parameters (wechatpay-axios-plugin's) parses the same.
    const reordered = `WECHATPAY2-SHA256-RSA2048 serial_no="S",signature="X",mchid="M",timestamp="1",nonce_str="N"`;
    expect(parseAuthorization(reordered)).toEqual({
      serial_no: "S",
      signature: "X",
      mchid: "M",
      timestamp: "1",
      nonce_str: "N",
    });
    expect(parseAuthorization("Bearer x")).toBeUndefined();
  });

  it("rejects a signature by another key, over another body, or malformed", () => {
    const text = responseSignString("1", "n", "body");
    const sig = rsaSign(privateKey, text);
    expect(rsaVerify(publicKey, text, sig)).toBe(true);
    expect(rsaVerify(other.publicKey, text, sig)).toBe(false);
    expect(rsaVerify(publicKey, responseSignString("1", "n", "body2"), sig)).toBe(false);
    expect(rsaVerify(publicKey, text, "not base64 !!")).toBe(false);
    expect(rsaVerify(publicKey, text, `WECHATPAY/SIGNTEST/${sig}`)).toBe(false);
  });
});

describe("AEAD_AES_256_GCM notify resources (payments.md §1.7)", () => {
  const key = "cinegateDemoApiV3Key0123456789ab";

  it("decrypts what was encrypted with the APIv3 key, nonce and associated data", () => {
    const ciphertext = aeadEncrypt(key, '{"trade_state":"SUCCESS"}', "0123456789ab", "transaction");
    // base64(encrypted ‖ 16-byte tag): the plaintext is 25 bytes.
    expect(Buffer.from(ciphertext, "base64").length).toBe(25 + 16);
    expect(aeadDecrypt(key, { ciphertext, nonce: "0123456789ab", associated_data: "transaction" })).toBe(
      '{"trade_state":"SUCCESS"}',
    );
  });

  it("fails on a wrong key, another associated data or a tampered ciphertext", () => {
    const ciphertext = aeadEncrypt(key, "hello", "0123456789ab", "refund");
    expect(() =>
      aeadDecrypt("X".repeat(32), { ciphertext, nonce: "0123456789ab", associated_data: "refund" }),
    ).toThrow();
    expect(() => aeadDecrypt(key, { ciphertext, nonce: "0123456789ab", associated_data: "transaction" })).toThrow();
    const bytes = Buffer.from(ciphertext, "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(() =>
      aeadDecrypt(key, { ciphertext: bytes.toString("base64"), nonce: "0123456789ab", associated_data: "refund" }),
    ).toThrow();
    expect(() => aeadDecrypt("short", { ciphertext, nonce: "0123456789ab" })).toThrow(/32 bytes/);
  });
});

describe("platform keys: certificate and public-key modes (payments.md §1.5)", () => {
  const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const serial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
  const certPem = selfSignedCertificate({ privateKey, privatePem, publicPem }, serial, "test", Date.now() - 1000, 30);

  it("reads a public key and a certificate (with its serial) to the same key", () => {
    const fromKey = parsePlatformKey(publicPem);
    const fromCert = parsePlatformKey(certPem);
    expect(fromKey.certificate).toBeUndefined();
    expect(fromCert.certificate?.serial).toBe(serial);
    expect(fromCert.key.export({ type: "spki", format: "der" })).toEqual(
      fromKey.key.export({ type: "spki", format: "der" }),
    );
    expect(() => parsePlatformKey("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----")).toThrow();
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    expect(() => parsePlatformKey(ec)).toThrow(/RSA/);
  });

  it("picks the key by Wechatpay-Serial, serials without case", () => {
    const keys = new PlatformKeys();
    keys.add("PUB_KEY_ID_0114232134912410000000000000", publicPem);
    keys.add(serial.toLowerCase(), certPem);
    const sig = rsaSign(privateKey, "x\n");
    expect(rsaVerify(keys.get("PUB_KEY_ID_0114232134912410000000000000")!, "x\n", sig)).toBe(true);
    expect(rsaVerify(keys.get(serial)!, "x\n", sig)).toBe(true);
    expect(keys.get("PUB_KEY_ID_999")).toBeUndefined();
    expect(createPublicKey(publicPem).asymmetricKeyType).toBe("rsa");
  });
});
