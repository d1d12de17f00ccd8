import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Sensitive-data encryption of doc 002 §3 (member-card passwords): AES-128-CBC, zero-byte padding,
 * key = first 16 chars of lowercase md5(platform key), plaintext = password + md5(password), and the
 * result is base64(iv) without its "==" (22 chars) followed by base64(ciphertext).
 */
const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex").toLowerCase();

export function deriveAesKey(key: string): Buffer {
  return Buffer.from(md5(key).slice(0, 16), "latin1");
}

function zeroPad(buf: Buffer): Buffer {
  const len = Math.max(16, Math.ceil(buf.length / 16) * 16);
  const out = Buffer.alloc(len);
  buf.copy(out);
  return out;
}

export function encryptSensitive(plain: string, key: string, iv: Buffer = randomBytes(16)): string {
  const merged = zeroPad(Buffer.from(plain + md5(plain), "utf8"));
  const cipher = createCipheriv("aes-128-cbc", deriveAesKey(key), iv);
  cipher.setAutoPadding(false);
  const ct = Buffer.concat([cipher.update(merged), cipher.final()]).toString("base64");
  return iv.toString("base64").slice(0, 22) + ct;
}

/** Returns the plaintext, or undefined when the text is malformed or its md5 does not verify. */
export function decryptSensitive(text: string, key: string): string | undefined {
  if (typeof text !== "string" || text.length <= 22) return undefined;
  try {
    const iv = Buffer.from(`${text.slice(0, 22)}==`, "base64");
    const ct = Buffer.from(text.slice(22), "base64");
    if (iv.length !== 16 || ct.length === 0 || ct.length % 16 !== 0) return undefined;
    const decipher = createDecipheriv("aes-128-cbc", deriveAesKey(key), iv);
    decipher.setAutoPadding(false);
    const raw = Buffer.concat([decipher.update(ct), decipher.final()]);
    let end = raw.length;
    while (end > 0 && raw[end - 1] === 0) end--;
    const merged = raw.subarray(0, end).toString("utf8");
    if (merged.length < 32) return undefined;
    const plain = merged.slice(0, -32);
    return md5(plain) === merged.slice(-32) ? plain : undefined;
  } catch {
    return undefined;
  }
}
