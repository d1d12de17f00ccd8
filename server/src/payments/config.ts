import { type Static, Type } from "@sinclair/typebox";
import type { CinemaSettingsDocument } from "../cinemas/settings.js";
import type { Clock } from "../domain/time.js";
import type { SecretBox } from "../security/secret-box.js";
import type { CallRecorder } from "../vendors/call-recorder.js";
import { AlipayClient } from "./alipay/client.js";
import type { PaymentProvider } from "./provider.js";
import { WechatPayV2 } from "./wechat-v2/client.js";
import { WechatPayV3 } from "./wechat-v3/client.js";

/**
 * Each cinema's own merchant (API.md `PUT /admin/cinemas/{id}/payment-config`), kept as the
 * `payments` section of the cinema's settings record. Secrets are sealed with the SecretBox and
 * never leave this module in clear except to build a provider: reads say only which are set.
 */

const Pem = Type.String({ minLength: 1, maxLength: 16_384 });
const Url = Type.String({ minLength: 1, maxLength: 255, pattern: "^https?://" });

/** What the Admin API accepts. A secret left out keeps the stored one; `null` clears it. */
export const PaymentConfigWrite = Type.Object(
  {
    /** The settings version read (optimistic concurrency); omitted: the current one. */
    version: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
    wechat: Type.Optional(
      Type.Union([
        Type.Null(),
        Type.Object(
          {
            appId: Type.String({ minLength: 1, maxLength: 32 }),
            appSecret: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
            mchId: Type.String({ minLength: 1, maxLength: 32 }),
            apiVersion: Type.Union([Type.Literal("v3"), Type.Literal("v2")]),
            apiV3Key: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
            apiKey: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
            merchantSerialNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            merchantPrivateKeyPem: Type.Optional(Type.Union([Pem, Type.Null()])),
            /** apiclient_cert.pem: public; lets the check prove the key matches its serial, and v2 refunds present it. */
            merchantCertificatePem: Type.Optional(Pem),
            platformPublicKeyId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            platformPublicKeyPem: Type.Optional(Pem),
            apiBaseUrl: Type.Optional(Url),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
    alipay: Type.Optional(
      Type.Union([
        Type.Null(),
        Type.Object(
          {
            appId: Type.String({ minLength: 1, maxLength: 32 }),
            /**
             * The merchant's PID (2088…), the `seller_id` of Alipay's notices. Optional: without it the
             * first verified notice fixes the seller; with it every notice must name this one.
             */
            sellerId: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
            privateKeyPem: Type.Optional(Type.Union([Pem, Type.Null()])),
            alipayPublicKeyPem: Type.Optional(Pem),
            gatewayUrl: Type.Optional(Url),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
    memberCardPay: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PaymentConfigWrite = Static<typeof PaymentConfigWrite>;

const WECHAT_SECRETS = ["appSecret", "apiV3Key", "apiKey", "merchantPrivateKeyPem"] as const;
type WechatSecret = (typeof WECHAT_SECRETS)[number];

/** The stored section: public fields as they are, secrets sealed ("v1:…"). */
export interface StoredPaymentConfig {
  wechat?: {
    appId: string;
    mchId: string;
    apiVersion: "v3" | "v2";
    merchantSerialNo?: string;
    merchantCertificatePem?: string;
    platformPublicKeyId?: string;
    platformPublicKeyPem?: string;
    apiBaseUrl?: string;
    sealed: Partial<Record<WechatSecret, string>>;
  };
  alipay?: {
    appId: string;
    sellerId?: string;
    alipayPublicKeyPem?: string;
    gatewayUrl?: string;
    sealed: { privateKeyPem?: string };
  };
  memberCardPay: boolean;
}

/** The read view (API.md: "the config with every secret masked"): which secrets are set, never their values. */
export const PaymentConfigView = Type.Object({
  cinemaId: Type.String(),
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  wechat: Type.Union([
    Type.Null(),
    Type.Object({
      appId: Type.String(),
      mchId: Type.String(),
      apiVersion: Type.Union([Type.Literal("v3"), Type.Literal("v2")]),
      merchantSerialNo: Type.Union([Type.String(), Type.Null()]),
      merchantCertificatePem: Type.Union([Type.String(), Type.Null()]),
      platformPublicKeyId: Type.Union([Type.String(), Type.Null()]),
      platformPublicKeyPem: Type.Union([Type.String(), Type.Null()]),
      apiBaseUrl: Type.Union([Type.String(), Type.Null()]),
      secretsSet: Type.Object({
        appSecret: Type.Boolean(),
        apiV3Key: Type.Boolean(),
        apiKey: Type.Boolean(),
        merchantPrivateKeyPem: Type.Boolean(),
      }),
    }),
  ]),
  alipay: Type.Union([
    Type.Null(),
    Type.Object({
      appId: Type.String(),
      sellerId: Type.Union([Type.String(), Type.Null()]),
      alipayPublicKeyPem: Type.Union([Type.String(), Type.Null()]),
      gatewayUrl: Type.Union([Type.String(), Type.Null()]),
      secretsSet: Type.Object({ privateKeyPem: Type.Boolean() }),
    }),
  ]),
  memberCardPay: Type.Boolean(),
});
export type PaymentConfigView = Static<typeof PaymentConfigView>;

export const storedOf = (doc: CinemaSettingsDocument): StoredPaymentConfig | undefined =>
  doc.payments as StoredPaymentConfig | undefined;

/** Applies a write to the stored section: new secrets sealed, omitted ones kept, null ones cleared. */
export function applyWrite(
  current: StoredPaymentConfig | undefined,
  body: PaymentConfigWrite,
  box: SecretBox,
): StoredPaymentConfig {
  const next: StoredPaymentConfig = { memberCardPay: body.memberCardPay ?? current?.memberCardPay ?? false };
  const w = body.wechat === undefined ? "keep" : body.wechat;
  if (w === "keep") {
    if (current?.wechat) next.wechat = current.wechat;
  } else if (w !== null) {
    // Secrets belong to a merchant: a different 商户号 starts from none rather than inheriting.
    const sameMerchant = current?.wechat?.mchId === w.mchId;
    const sealed: Partial<Record<WechatSecret, string>> = sameMerchant ? { ...current?.wechat?.sealed } : {};
    for (const k of WECHAT_SECRETS) {
      const v = w[k];
      if (v === null) delete sealed[k];
      else if (typeof v === "string") sealed[k] = box.seal(k === "merchantPrivateKeyPem" ? v : v.trim());
    }
    next.wechat = {
      appId: w.appId.trim(),
      mchId: w.mchId.trim(),
      apiVersion: w.apiVersion,
      ...(w.merchantSerialNo ? { merchantSerialNo: w.merchantSerialNo.trim().toUpperCase() } : {}),
      ...(w.merchantCertificatePem ? { merchantCertificatePem: w.merchantCertificatePem } : {}),
      ...(w.platformPublicKeyId ? { platformPublicKeyId: w.platformPublicKeyId.trim() } : {}),
      ...(w.platformPublicKeyPem ? { platformPublicKeyPem: w.platformPublicKeyPem } : {}),
      ...(w.apiBaseUrl ? { apiBaseUrl: w.apiBaseUrl.replace(/\/+$/, "") } : {}),
      sealed,
    };
  }
  const a = body.alipay === undefined ? "keep" : body.alipay;
  if (a === "keep") {
    if (current?.alipay) next.alipay = current.alipay;
  } else if (a !== null) {
    const sealed = current?.alipay?.appId === a.appId ? { ...current.alipay.sealed } : {};
    if (a.privateKeyPem === null) delete sealed.privateKeyPem;
    else if (typeof a.privateKeyPem === "string") sealed.privateKeyPem = box.seal(a.privateKeyPem);
    next.alipay = {
      appId: a.appId.trim(),
      ...(a.sellerId ? { sellerId: a.sellerId.trim() } : {}),
      ...(a.alipayPublicKeyPem ? { alipayPublicKeyPem: a.alipayPublicKeyPem } : {}),
      ...(a.gatewayUrl ? { gatewayUrl: a.gatewayUrl } : {}),
      sealed,
    };
  }
  return next;
}

export function viewOf(
  stored: StoredPaymentConfig | undefined,
  meta: { cinemaId: string; version: number; updatedAt: Date | null; updatedBy: string | null },
): PaymentConfigView {
  const w = stored?.wechat;
  const a = stored?.alipay;
  return {
    cinemaId: meta.cinemaId,
    version: meta.version,
    updatedAt: meta.updatedAt?.toISOString() ?? null,
    updatedBy: meta.updatedBy,
    wechat: w
      ? {
          appId: w.appId,
          mchId: w.mchId,
          apiVersion: w.apiVersion,
          merchantSerialNo: w.merchantSerialNo ?? null,
          merchantCertificatePem: w.merchantCertificatePem ?? null,
          platformPublicKeyId: w.platformPublicKeyId ?? null,
          platformPublicKeyPem: w.platformPublicKeyPem ?? null,
          apiBaseUrl: w.apiBaseUrl ?? null,
          secretsSet: {
            appSecret: w.sealed.appSecret !== undefined,
            apiV3Key: w.sealed.apiV3Key !== undefined,
            apiKey: w.sealed.apiKey !== undefined,
            merchantPrivateKeyPem: w.sealed.merchantPrivateKeyPem !== undefined,
          },
        }
      : null,
    alipay: a
      ? {
          appId: a.appId,
          sellerId: a.sellerId ?? null,
          alipayPublicKeyPem: a.alipayPublicKeyPem ?? null,
          gatewayUrl: a.gatewayUrl ?? null,
          secretsSet: { privateKeyPem: a.sealed.privateKeyPem !== undefined },
        }
      : null,
    memberCardPay: stored?.memberCardPay ?? false,
  };
}

/** The stored WeChat merchant with its secrets opened: only for building a provider or checking it. */
export interface OpenedWechatConfig {
  appId: string;
  mchId: string;
  apiVersion: "v3" | "v2";
  merchantSerialNo?: string;
  merchantCertificatePem?: string;
  platformPublicKeyId?: string;
  platformPublicKeyPem?: string;
  apiBaseUrl?: string;
  appSecret?: string;
  apiV3Key?: string;
  apiKey?: string;
  merchantPrivateKeyPem?: string;
}

export function openWechat(stored: StoredPaymentConfig | undefined, box: SecretBox): OpenedWechatConfig | undefined {
  const w = stored?.wechat;
  if (!w) return undefined;
  const { sealed, ...plain } = w;
  const opened: OpenedWechatConfig = { ...plain };
  for (const k of WECHAT_SECRETS) {
    const s = sealed[k];
    if (s !== undefined) opened[k] = box.open(s);
  }
  return opened;
}

/**
 * The WeChat provider for a cinema's opened config, or why there is none. `defaultBaseUrl` is the
 * platform's setting for the real service (`CINEGATE_WECHATPAY_BASE_URL`); a cinema's `apiBaseUrl`
 * wins (tests and the demo point it at the simulator). Throws nothing: a key that does not parse is
 * a reason, not a 500.
 */
export function wechatProvider(
  c: OpenedWechatConfig,
  opts: { clock: Clock; recorder?: CallRecorder; defaultBaseUrl?: string; timeoutMs?: number },
): { ok: true; provider: PaymentProvider } | { ok: false; missing: string[]; reason?: string } {
  const apiBaseUrl = c.apiBaseUrl ?? opts.defaultBaseUrl;
  const common = {
    clock: opts.clock,
    ...(opts.recorder ? { recorder: opts.recorder } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
  };
  if (c.apiVersion === "v3") {
    const missing = (
      ["apiV3Key", "merchantSerialNo", "merchantPrivateKeyPem", "platformPublicKeyId", "platformPublicKeyPem"] as const
    ).filter((k) => !c[k]) as string[];
    if (!apiBaseUrl) missing.push("apiBaseUrl");
    if (missing.length > 0) return { ok: false, missing };
    try {
      return {
        ok: true,
        provider: new WechatPayV3(
          {
            appId: c.appId,
            mchId: c.mchId,
            apiV3Key: c.apiV3Key!,
            merchantSerialNo: c.merchantSerialNo!,
            merchantPrivateKeyPem: c.merchantPrivateKeyPem!,
            platformKeys: { [c.platformPublicKeyId!]: c.platformPublicKeyPem! },
            apiBaseUrl: apiBaseUrl!,
          },
          common,
        ),
      };
    } catch (err) {
      return { ok: false, missing: [], reason: (err as Error).message };
    }
  }
  const missing = c.apiKey ? [] : ["apiKey"];
  if (!apiBaseUrl) missing.push("apiBaseUrl");
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    provider: new WechatPayV2(
      {
        appId: c.appId,
        mchId: c.mchId,
        apiKey: c.apiKey!,
        ...(c.merchantCertificatePem ? { merchantCertPem: c.merchantCertificatePem } : {}),
        ...(c.merchantPrivateKeyPem ? { merchantKeyPem: c.merchantPrivateKeyPem } : {}),
        apiBaseUrl: apiBaseUrl!,
      },
      common,
    ),
  };
}

/** The stored Alipay app with its private key opened: only for building a provider or checking it. */
export interface OpenedAlipayConfig {
  appId: string;
  sellerId?: string;
  alipayPublicKeyPem?: string;
  gatewayUrl?: string;
  privateKeyPem?: string;
}

export function openAlipay(stored: StoredPaymentConfig | undefined, box: SecretBox): OpenedAlipayConfig | undefined {
  const a = stored?.alipay;
  if (!a) return undefined;
  const { sealed, ...plain } = a;
  return { ...plain, ...(sealed.privateKeyPem !== undefined ? { privateKeyPem: box.open(sealed.privateKeyPem) } : {}) };
}

/**
 * The Alipay provider for a cinema's opened config, or why there is none. `defaultGatewayUrl` is the
 * platform's setting for the real gateway; a cinema's `gatewayUrl` wins (tests and the demo name the
 * simulator's). A key that does not parse is a reason, not a 500.
 */
export function alipayProvider(
  c: OpenedAlipayConfig,
  opts: { clock: Clock; recorder?: CallRecorder; defaultGatewayUrl?: string; timeoutMs?: number },
): { ok: true; provider: PaymentProvider } | { ok: false; missing: string[]; reason?: string } {
  const gatewayUrl = c.gatewayUrl ?? opts.defaultGatewayUrl;
  const missing = (["privateKeyPem", "alipayPublicKeyPem"] as const).filter((k) => !c[k]) as string[];
  if (!gatewayUrl) missing.push("gatewayUrl");
  if (missing.length > 0) return { ok: false, missing };
  try {
    return {
      ok: true,
      provider: new AlipayClient(
        {
          appId: c.appId,
          privateKeyPem: c.privateKeyPem!,
          alipayPublicKeyPem: c.alipayPublicKeyPem!,
          gatewayUrl: gatewayUrl!,
        },
        {
          clock: opts.clock,
          ...(opts.recorder ? { recorder: opts.recorder } : {}),
          ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
        },
      ),
    };
  } catch (err) {
    return { ok: false, missing: [], reason: (err as Error).message };
  }
}
