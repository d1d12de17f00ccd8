import { createSign, createVerify, type KeyObject, randomBytes } from "node:crypto";

/**
 * WeChat Pay API v3 signatures (payments.md §1.3, §1.4, §1.6): SHA256withRSA (PKCS#1 v1.5) over
 * lines that each end in "\n", the last one included. Node's crypto does the RSA; only the
 * strings are ours.
 */

export const SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";

/** Joins lines WeChat's way: every line ends in "\n", the last one too (never "\r\n"). */
export const joinLines = (...lines: string[]): string => lines.map((l) => `${l}\n`).join("");

export function rsaSign(privateKey: KeyObject | string, text: string): string {
  return createSign("RSA-SHA256").update(text, "utf8").sign(privateKey, "base64");
}

export function rsaVerify(publicKey: KeyObject | string, text: string, signatureBase64: string): boolean {
  try {
    return createVerify("RSA-SHA256").update(text, "utf8").verify(publicKey, signatureBase64, "base64");
  } catch {
    // A malformed signature (or key) is a failed verification, not a crash.
    return false;
  }
}

/** 32 characters of [0-9A-Z], as the SDKs send. */
export const nonceStr = (): string => randomBytes(16).toString("hex").toUpperCase();

export interface RequestToSign {
  method: string;
  /** Path plus "?query", no host: exactly what goes on the wire. */
  canonicalUrl: string;
  /** Unix seconds (not ms). */
  timestamp: number;
  nonce: string;
  /** The exact body bytes sent; "" for GET. */
  body: string;
}

/** The 5-line string of §1.3. */
export const requestSignString = (r: RequestToSign): string =>
  joinLines(r.method.toUpperCase(), r.canonicalUrl, String(r.timestamp), r.nonce, r.body);

export interface MerchantSigner {
  mchId: string;
  /** Serial of the merchant API certificate (40 hex characters). */
  serialNo: string;
  privateKey: KeyObject;
}

/** `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",timestamp="…",serial_no="…",signature="…"`. */
export function authorizationHeader(signer: MerchantSigner, r: RequestToSign): string {
  const signature = rsaSign(signer.privateKey, requestSignString(r));
  return (
    `${SIGNATURE_TYPE} mchid="${signer.mchId}",nonce_str="${r.nonce}",timestamp="${r.timestamp}",` +
    `serial_no="${signer.serialNo}",signature="${signature}"`
  );
}

/** Authorization parameters by name, not by position (§1.3: SDKs send them in different orders). */
export function parseAuthorization(header: string): Record<string, string> | undefined {
  const prefix = `${SIGNATURE_TYPE} `;
  if (!header.startsWith(prefix)) return undefined;
  const params: Record<string, string> = {};
  for (const m of header.slice(prefix.length).matchAll(/(\w+)="([^"]*)"/g)) params[m[1]!] = m[2]!;
  return params;
}

/** The 3-line string a response or notify signature covers (§1.4). */
export const responseSignString = (timestamp: string, nonce: string, body: string): string =>
  joinLines(timestamp, nonce, body);

/** The 4-line string of the JSAPI `paySign` (§1.6). */
export const paySignString = (appId: string, timeStamp: string, nonce: string, pkg: string): string =>
  joinLines(appId, timeStamp, nonce, pkg);
