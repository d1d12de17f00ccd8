import { createPublicKey, type KeyObject } from "node:crypto";
import { type RsaPair, rsaPair } from "./crypto.js";

/**
 * Alipay's side of the key exchange (payments.md §4, public-key mode): Alipay signs answers and
 * notifies with its own key and publishes the public half to each app; an app uploads its app
 * public key, which is all Alipay holds of the merchant's key.
 */
export interface AlipayIdentity {
  pair: RsaPair;
  /** A key Alipay does not have: the "signed with the wrong key" fault signs with it. */
  stranger: RsaPair;
}

export interface App {
  appId: string;
  appPublicKey: KeyObject;
  sellerId: string;
  /** The seller's balance for refunds; below a refund's amount it is ACQ.SELLER_BALANCE_NOT_ENOUGH. */
  balanceFen: number;
}

/** A demo app's full credentials, as the cinema would copy them from the open platform. */
export interface AppCredentials {
  appId: string;
  sellerId: string;
  privateKeyPem: string;
  appPublicKeyPem: string;
  alipayPublicKeyPem: string;
}

export class Apps {
  private readonly byId = new Map<string, App>();
  readonly issued = new Map<string, AppCredentials>();

  constructor(private readonly alipay: AlipayIdentity) {}

  get(appId: string): App | undefined {
    return this.byId.get(appId);
  }

  list(): App[] {
    return [...this.byId.values()];
  }

  /** An app whose key pair the simulator makes, so the demo needs nothing from outside. */
  issue(spec: { appId: string; sellerId: string }): AppCredentials {
    const pair = rsaPair();
    this.register({ appId: spec.appId, sellerId: spec.sellerId, appPublicKeyPem: pair.publicPem });
    const creds: AppCredentials = {
      appId: spec.appId,
      sellerId: spec.sellerId,
      privateKeyPem: pair.privatePem,
      appPublicKeyPem: pair.publicPem,
      alipayPublicKeyPem: this.alipay.pair.publicPem,
    };
    this.issued.set(spec.appId, creds);
    return creds;
  }

  /** An app that brings its own key registers the public half (PEM or bare base64 SPKI). Throws if it does not parse. */
  register(spec: { appId: string; sellerId?: string; appPublicKeyPem: string; balanceFen?: number }): App {
    const text = spec.appPublicKeyPem.trim();
    const key = text.startsWith("-----")
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text, "base64"), format: "der", type: "spki" });
    const app: App = {
      appId: spec.appId,
      appPublicKey: key,
      sellerId: spec.sellerId ?? "2088000000000000",
      balanceFen: spec.balanceFen ?? 1_000_000_00,
    };
    this.byId.set(app.appId, app);
    return app;
  }
}
