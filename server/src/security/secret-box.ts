import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * Seals secrets at rest (vendor credentials, channel secrets) with AES-256-GCM under the master
 * key. Format: "v1:" + base64(iv[12] | tag[16] | ciphertext). The version prefix lets a key
 * rotation add "v2" without a flag day.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyHex: string) {
    const key = Buffer.from(keyHex, "hex");
    if (key.length !== 32) throw new Error("master key must be 32 bytes (64 hex chars)");
    this.key = key;
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
  }

  /** A 32-byte key for one purpose (`label`), derived from the master key: cookie signing, lookup HMACs. */
  derive(label: string): Buffer {
    return createHmac("sha256", this.key).update(`cinegate:${label}`).digest();
  }

  open(sealed: string): string {
    if (!sealed.startsWith("v1:")) throw new Error("unknown secret format");
    const raw = Buffer.from(sealed.slice(3), "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  }
}
