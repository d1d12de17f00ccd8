import { createPublicKey, type KeyObject } from "node:crypto";
import { certificateSerial, publicKeyId, type RsaPair, rsaPair, selfSignedCertificate } from "./keys.js";

/**
 * WeChat's side of the key exchange (payments.md §1.5, §1.11.1). WeChat signs with one key, known
 * to merchants either as a WeChat Pay public key (`PUB_KEY_ID_…`) or inside a platform certificate.
 * A merchant is known by its 商户号, the AppIDs bound to it, its APIv3 key and the serial → public
 * key of its API certificate(s), which is all WeChat holds of the merchant's key.
 */
export interface PlatformIdentity {
  pair: RsaPair;
  publicKeyId: string;
  certificateSerial: string;
  certificatePem: string;
  /** A key WeChat does not have: the "signature of the wrong key" fault signs with it. */
  stranger: RsaPair;
}

export function platformIdentity(now: number): PlatformIdentity {
  const pair = rsaPair();
  const serial = certificateSerial();
  return {
    pair,
    publicKeyId: publicKeyId(),
    certificateSerial: serial,
    certificatePem: selfSignedCertificate(pair, serial, "Tenpay.com Root CA (simulated)", now - 86_400_000, 5 * 365),
    stranger: rsaPair(),
  };
}

export interface Merchant {
  mchId: string;
  appIds: Set<string>;
  apiV3Key: string;
  /** v2 API key (32 characters); v2 and v3 credentials are independent (§2). */
  apiKey: string;
  /** Merchant API certificate serial → its public key. */
  certificates: Map<string, KeyObject>;
  /** Which identifier WeChat signs this merchant's notifies with (§1.5). */
  signWith: "public_key" | "certificate";
  /** The merchant's balance for refunds; below a refund's amount the refund is NOT_ENOUGH. */
  balanceFen: number;
}

/** A demo merchant's full credentials, as a cinema would download them from its merchant platform. */
export interface MerchantCredentials {
  mchId: string;
  appId: string;
  apiV3Key: string;
  apiKey: string;
  merchantSerialNo: string;
  merchantPrivateKeyPem: string;
  merchantCertificatePem: string;
  /** The sandbox buyer's openid under appId. */
  openid: string;
}

export class Merchants {
  private readonly byId = new Map<string, Merchant>();
  /** Credentials of merchants the simulator made itself (the demo merchants). */
  readonly issued = new Map<string, MerchantCredentials>();

  get(mchId: string): Merchant | undefined {
    return this.byId.get(mchId);
  }

  list(): Merchant[] {
    return [...this.byId.values()];
  }

  /** A merchant whose key pair the simulator generates, so the demo needs nothing from outside. */
  issue(
    spec: { mchId: string; appId: string; apiV3Key: string; apiKey: string; openid: string },
    now: number,
  ): MerchantCredentials {
    const pair = rsaPair();
    const serial = certificateSerial();
    const certificatePem = selfSignedCertificate(
      pair,
      serial,
      `${spec.mchId} 商户API证书 (simulated)`,
      now - 86_400_000,
      5 * 365,
    );
    this.register({
      mchId: spec.mchId,
      appIds: [spec.appId],
      apiV3Key: spec.apiV3Key,
      apiKey: spec.apiKey,
      certificates: { [serial]: pair.publicPem },
    });
    const creds: MerchantCredentials = {
      mchId: spec.mchId,
      appId: spec.appId,
      apiV3Key: spec.apiV3Key,
      apiKey: spec.apiKey,
      merchantSerialNo: serial,
      merchantPrivateKeyPem: pair.privatePem,
      merchantCertificatePem: certificatePem,
      openid: spec.openid,
    };
    this.issued.set(spec.mchId, creds);
    return creds;
  }

  /** A merchant that brings its own key (tests register the public half only, as in real life). */
  register(spec: {
    mchId: string;
    appIds: string[];
    apiV3Key: string;
    apiKey?: string;
    certificates: Record<string, string>;
    signWith?: Merchant["signWith"];
    balanceFen?: number;
  }): Merchant {
    const m: Merchant = {
      mchId: spec.mchId,
      appIds: new Set(spec.appIds),
      apiV3Key: spec.apiV3Key,
      apiKey: spec.apiKey ?? "",
      certificates: new Map(
        Object.entries(spec.certificates).map(([s, pem]) => [s.toUpperCase(), createPublicKey(pem)]),
      ),
      signWith: spec.signWith ?? "public_key",
      balanceFen: spec.balanceFen ?? 1_000_000_00,
    };
    this.byId.set(m.mchId, m);
    return m;
  }
}
