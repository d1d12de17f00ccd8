import { randomBytes } from "node:crypto";
import forge from "node-forge";
import type { RsaPair } from "../pay-core/keys.js";

export { type RsaPair, rsaPair } from "../pay-core/keys.js";

/**
 * Key material the simulator makes at start (payments.md §1.11.1): WeChat's own signing key, shown
 * both as a WeChat Pay public key (`PUB_KEY_ID_…`) and as a platform certificate (40-hex serial),
 * and each demo merchant's API key pair and certificate serial. Node makes the RSA keys; node-forge
 * only wraps a public key in a self-signed X.509 certificate, which Node cannot build.
 */

/** 40 upper-case hex characters, the shape of WeChat certificate serials; first digit non-zero. */
export const certificateSerial = (): string => `5${randomBytes(20).toString("hex").toUpperCase().slice(1)}`;

/** `PUB_KEY_ID_` followed by 28 digits (§1.5's example shape). */
export const publicKeyId = (): string => `PUB_KEY_ID_01${Array.from(randomBytes(26), (b) => String(b % 10)).join("")}`;

/** A self-signed certificate for `pair` with the given serial, valid from `notBefore` for `days`. */
export function selfSignedCertificate(
  pair: Pick<RsaPair, "privateKey" | "privatePem" | "publicPem">,
  serialHex: string,
  commonName: string,
  notBefore: number,
  days: number,
): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicPem);
  cert.serialNumber = serialHex;
  cert.validity.notBefore = new Date(notBefore);
  cert.validity.notAfter = new Date(notBefore + days * 86_400_000);
  const attrs = [
    { name: "commonName", value: commonName },
    { name: "organizationName", value: "Cinegate WeChat Pay simulator" },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(pair.privatePem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
