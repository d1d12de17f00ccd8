import { createCipheriv, createDecipheriv } from "node:crypto";

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it for notify resources and platform certificates
 * (payments.md §1.7): the key is the 32-character APIv3 key used as bytes, the IV the nonce's
 * UTF-8 bytes (12 in practice), the AAD `associated_data`, and the ciphertext base64(encrypted ‖
 * 16-byte tag).
 */
export interface EncryptedResource {
  algorithm?: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
}

const TAG_BYTES = 16;

export function aeadDecrypt(apiV3Key: string, r: EncryptedResource): string {
  const key = keyBytes(apiV3Key);
  const data = Buffer.from(r.ciphertext, "base64");
  if (data.length < TAG_BYTES) throw new Error("ciphertext shorter than its tag");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(r.nonce, "utf8"));
  decipher.setAAD(Buffer.from(r.associated_data ?? "", "utf8"));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  // A wrong key or tampered text throws here ("Unsupported state or unable to authenticate data").
  return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString("utf8");
}

export function aeadEncrypt(apiV3Key: string, plaintext: string, nonce: string, associatedData: string): string {
  const cipher = createCipheriv("aes-256-gcm", keyBytes(apiV3Key), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const out = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return out.toString("base64");
}

function keyBytes(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, "utf8");
  if (key.length !== 32) throw new Error("the APIv3 key must be 32 bytes");
  return key;
}
