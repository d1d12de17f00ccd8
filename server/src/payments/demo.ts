import type { CinemaSettings } from "../cinemas/settings.js";
import type { Db } from "../db/database.js";
import type { SecretBox } from "../security/secret-box.js";
import { applyWrite, type StoredPaymentConfig, storedOf } from "./config.js";

/** The WeChat Pay simulator as the demo sees it: its URL, the demo merchant and WeChat's public key. */
export interface DemoWechatPay {
  url: string;
  merchant: {
    mchId: string;
    appId: string;
    apiV3Key: string;
    apiKey: string;
    merchantSerialNo: string;
    merchantPrivateKeyPem: string;
    merchantCertificatePem: string;
  };
  platform: { publicKeyId: string; publicKeyPem: string };
}

/** Reads the demo merchant and WeChat's key from a running simulator's control API. */
export async function readDemoWechatPay(url: string, mchId: string): Promise<DemoWechatPay> {
  const get = async (path: string) => {
    const res = await fetch(new URL(`/_control${path}`, url));
    if (!res.ok) throw new Error(`WeChat Pay simulator ${url} answered ${res.status} for ${path}`);
    return res.json();
  };
  const merchant = (await get(`/merchants/${mchId}/credentials`)) as DemoWechatPay["merchant"];
  const platform = (await get("/platform")) as DemoWechatPay["platform"];
  return { url, merchant, platform };
}

/**
 * Points every cinema of the demo at the WeChat Pay simulator (v3, public-key mode), so the buyer
 * flow runs on one machine. A cinema whose payment configuration names another merchant or host is
 * left alone; one configured for an earlier simulator run (whose keys were made at its start) is
 * brought up to date. Returns how many cinemas were written.
 */
export async function configureDemoPayments(
  deps: { db: Db; settings: CinemaSettings; box: SecretBox },
  demo: DemoWechatPay,
): Promise<number> {
  const cinemas = await deps.db.selectFrom("cinemas").select("id").execute();
  let written = 0;
  for (const { id } of cinemas) {
    const record = await deps.settings.get(id);
    const current = storedOf(record.document) as StoredPaymentConfig | undefined;
    const w = current?.wechat;
    if (w && (w.apiBaseUrl !== demo.url || w.mchId !== demo.merchant.mchId)) continue;
    if (
      w &&
      w.merchantSerialNo === demo.merchant.merchantSerialNo &&
      w.platformPublicKeyId === demo.platform.publicKeyId
    )
      continue;
    const next = applyWrite(
      current,
      {
        wechat: {
          appId: demo.merchant.appId,
          // The demo 公众号's AppSecret, which the simulated WeChat's OAuth knows (wechatpay descriptor appSecret).
          appSecret: "0123456789abcdef0123456789abcdef",
          mchId: demo.merchant.mchId,
          apiVersion: "v3",
          apiV3Key: demo.merchant.apiV3Key,
          apiKey: demo.merchant.apiKey,
          merchantSerialNo: demo.merchant.merchantSerialNo,
          merchantPrivateKeyPem: demo.merchant.merchantPrivateKeyPem,
          merchantCertificatePem: demo.merchant.merchantCertificatePem,
          platformPublicKeyId: demo.platform.publicKeyId,
          platformPublicKeyPem: demo.platform.publicKeyPem,
          apiBaseUrl: demo.url,
        },
      },
      deps.box,
    );
    const r = await deps.settings.put(id, record.version, { ...record.document, payments: next }, "demo");
    if (r.ok) written++;
  }
  return written;
}

/** The Alipay simulator as the demo sees it: its gateway and the demo app's keys. */
export interface DemoAlipay {
  gatewayUrl: string;
  app: { appId: string; sellerId?: string; privateKeyPem: string; alipayPublicKeyPem: string };
}

/** Reads the demo app's credentials (made at the simulator's start) from its control API. */
export async function readDemoAlipay(url: string, appId: string): Promise<DemoAlipay> {
  const res = await fetch(new URL(`/_control/apps/${appId}/credentials`, url));
  if (!res.ok) throw new Error(`Alipay simulator ${url} answered ${res.status} for app ${appId}`);
  const app = (await res.json()) as DemoAlipay["app"];
  return { gatewayUrl: new URL("/gateway.do", url).toString(), app };
}

/**
 * Gives every demo cinema the Alipay simulator's demo app, beside its WeChat merchant. A cinema
 * whose Alipay names another app or gateway is left alone; one configured for an earlier simulator
 * run (whose keys were made at its start) is brought up to date. Returns how many were written.
 */
export async function configureDemoAlipay(
  deps: { db: Db; settings: CinemaSettings; box: SecretBox },
  demo: DemoAlipay,
): Promise<number> {
  const cinemas = await deps.db.selectFrom("cinemas").select("id").execute();
  let written = 0;
  for (const { id } of cinemas) {
    const record = await deps.settings.get(id);
    const current = storedOf(record.document) as StoredPaymentConfig | undefined;
    const a = current?.alipay;
    if (a && (a.gatewayUrl !== demo.gatewayUrl || a.appId !== demo.app.appId)) continue;
    if (a && a.alipayPublicKeyPem === demo.app.alipayPublicKeyPem) continue;
    const next = applyWrite(
      current,
      {
        alipay: {
          appId: demo.app.appId,
          ...(demo.app.sellerId ? { sellerId: demo.app.sellerId } : {}),
          privateKeyPem: demo.app.privateKeyPem,
          alipayPublicKeyPem: demo.app.alipayPublicKeyPem,
          gatewayUrl: demo.gatewayUrl,
        },
      },
      deps.box,
    );
    const r = await deps.settings.put(id, record.version, { ...record.document, payments: next }, "demo");
    if (r.ok) written++;
  }
  return written;
}
