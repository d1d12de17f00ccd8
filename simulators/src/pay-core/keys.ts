import { generateKeyPairSync, type KeyObject } from "node:crypto";

/** An RSA-2048 key pair as both payment simulators make them at start: the objects and their PEM text. */
export interface RsaPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8. */
  privatePem: string;
  /** SPKI. */
  publicPem: string;
}

export function rsaPair(): RsaPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey,
    publicKey,
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}
