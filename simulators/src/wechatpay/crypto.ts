import { createCipheriv, createDecipheriv, createSign, createVerify, type KeyObject, randomBytes } from "node:crypto";

/**
 * The simulator's own copy of WeChat Pay v3's strings and ciphers, written from payments.md (§1.3,
 * §1.4, §1.7) and never shared with the server: a misreading on one side must show as a failed
 * test, not be repeated on both.
 */
export const SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";

const lines = (...l: string[]) => l.map((x) => `${x}\n`).join("");

export const requestMessage = (method: string, url: string, timestamp: string, nonce: string, body: string) =>
  lines(method, url, timestamp, nonce, body);

export const responseMessage = (timestamp: string, nonce: string, body: string) => lines(timestamp, nonce, body);

export const paySignMessage = (appId: string, timeStamp: string, nonce: string, pkg: string) =>
  lines(appId, timeStamp, nonce, pkg);

export const sign = (key: KeyObject, message: string): string =>
  createSign("RSA-SHA256").update(message).sign(key, "base64");

export function verify(key: KeyObject | string, message: string, signature: string): boolean {
  try {
    return createVerify("RSA-SHA256").update(message).verify(key, signature, "base64");
  } catch {
    return false;
  }
}

/** Authorization parameters by name (§1.3: their order differs between SDKs). */
export function parseAuthorization(header: string | undefined): Record<string, string> | undefined {
  if (!header?.startsWith(`${SIGNATURE_TYPE} `)) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(SIGNATURE_TYPE.length + 1).matchAll(/(\w+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

/** AES-256-GCM with the APIv3 key; ciphertext = base64(encrypted ‖ tag) (§1.7). */
export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string) {
  // 12 characters of [0-9a-zA-Z], used as UTF-8 bytes for the IV.
  const nonce = randomBytes(9).toString("base64").replace(/[+/]/g, "x");
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]).toString(
    "base64",
  );
  return { algorithm: "AEAD_AES_256_GCM", ciphertext, nonce, associated_data: associatedData };
}

export function decryptResource(apiV3Key: string, r: { ciphertext: string; nonce: string; associated_data?: string }) {
  const data = Buffer.from(r.ciphertext, "base64");
  const d = createDecipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(r.nonce, "utf8"));
  d.setAAD(Buffer.from(r.associated_data ?? "", "utf8"));
  d.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString("utf8");
}

export const nonce32 = (): string => randomBytes(16).toString("hex").toUpperCase();
