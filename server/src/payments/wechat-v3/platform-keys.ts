import { createPublicKey, type KeyObject, X509Certificate } from "node:crypto";

/**
 * The keys WeChat signs responses and notifies with, by the identifier it puts in
 * `Wechatpay-Serial` (payments.md §1.5): a platform certificate's 40-hex serial, or a WeChat Pay
 * public key's `PUB_KEY_ID_…`. A merchant in the middle of switching has both, so the map holds
 * any number and the header picks one (as the Go SDK's combined verifier does).
 */
export class PlatformKeys {
  private readonly keys = new Map<string, KeyObject>();

  /** `pem` is a certificate (platform certificate mode) or a public key (public-key mode). */
  add(id: string, pem: string): void {
    this.keys.set(normaliseId(id), parsePlatformKey(pem).key);
  }

  get(id: string): KeyObject | undefined {
    return this.keys.get(normaliseId(id));
  }

  get size(): number {
    return this.keys.size;
  }

  ids(): string[] {
    return [...this.keys.keys()];
  }
}

export interface ParsedPlatformKey {
  key: KeyObject;
  /** Set for a certificate: its serial (upper-case hex) and validity. */
  certificate?: { serial: string; validFrom: number; validTo: number };
}

/** Parses a platform certificate or public key PEM; throws on anything else. */
export function parsePlatformKey(pem: string): ParsedPlatformKey {
  if (pem.includes("BEGIN CERTIFICATE")) {
    const cert = new X509Certificate(pem);
    return {
      key: cert.publicKey,
      certificate: {
        serial: cert.serialNumber.toUpperCase(),
        validFrom: Date.parse(cert.validFrom),
        validTo: Date.parse(cert.validTo),
      },
    };
  }
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== "rsa") throw new Error("not an RSA public key");
  return { key };
}

/** Certificate serials are hex and compared without case; public key ids are kept as they are. */
const normaliseId = (id: string): string => (id.startsWith("PUB_KEY_ID_") ? id : id.toUpperCase());
