import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Sensitive-data encryption, doc 002 §3 (member-card passwords only, §3.1).
 *
 * Encrypt (§3.4): key = first 16 characters of lowercase md5(platform key); a random 16-byte IV;
 * plaintext' = plaintext + lowercase md5(plaintext); AES-128-CBC with zero-byte padding to a
 * multiple of 16; result = base64(IV) without its "==" (22 characters) + base64(ciphertext).
 * Decrypt (§3.5): the reverse, dropping the zero padding and verifying the md5 suffix.
 */
const md5hex = (s: string) => createHash("md5").update(s, "utf8").digest("hex").toLowerCase();

/** §3.4 step 1: md5(key) lowercased, first 16 bytes. */
export function deriveKey(platformKey: string): Buffer {
  return Buffer.from(md5hex(platformKey).slice(0, 16), "latin1");
}

function zeroPad(buf: Buffer): Buffer {
  const out = Buffer.alloc(Math.max(16, Math.ceil(buf.length / 16) * 16));
  buf.copy(out);
  return out;
}

export function encryptSensitive(plaintext: string, platformKey: string, iv: Buffer = randomBytes(16)): string {
  if (iv.length !== 16) throw new RangeError("AES IV must be 16 bytes");
  const merged = zeroPad(Buffer.from(plaintext + md5hex(plaintext), "utf8"));
  const cipher = createCipheriv("aes-128-cbc", deriveKey(platformKey), iv);
  cipher.setAutoPadding(false);
  const ciphertext = Buffer.concat([cipher.update(merged), cipher.final()]).toString("base64");
  return iv.toString("base64").slice(0, 22) + ciphertext;
}

/** The plaintext, or undefined when the text is malformed or its md5 suffix does not verify. */
export function decryptSensitive(text: string, platformKey: string): string | undefined {
  if (text.length <= 22) return undefined;
  try {
    const iv = Buffer.from(`${text.slice(0, 22)}==`, "base64");
    const ct = Buffer.from(text.slice(22), "base64");
    if (iv.length !== 16 || ct.length === 0 || ct.length % 16 !== 0) return undefined;
    const decipher = createDecipheriv("aes-128-cbc", deriveKey(platformKey), iv);
    decipher.setAutoPadding(false);
    const raw = Buffer.concat([decipher.update(ct), decipher.final()]);
    let end = raw.length;
    while (end > 0 && raw[end - 1] === 0) end--;
    const merged = raw.subarray(0, end).toString("utf8");
    if (merged.length < 32) return undefined;
    const plain = merged.slice(0, -32);
    return md5hex(plain) === merged.slice(-32) ? plain : undefined;
  } catch {
    return undefined;
  }
}

/** Card passwords are 6 digits once decrypted (§5.3, §7.2 …): checked before encrypting. */
export function isCardPassword(p: string): boolean {
  return /^\d{6}$/.test(p);
}
