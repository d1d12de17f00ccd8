import { createPublicKey, type KeyObject, randomBytes } from "node:crypto";
import type { Clock } from "../../domain/time.js";
import type { Finding, Text } from "../check.js";
import { alipayProvider, type OpenedAlipayConfig } from "../config.js";
import type { PaymentProvider } from "../provider.js";
import { readPrivateKey, readPublicKey } from "./signing.js";

/**
 * The Alipay part of POST /admin/cinemas/{id}/payment-config/check: one finding per check, each
 * with the fix a support person applies on Alipay's open platform (开放平台). The mistakes named
 * are the usual ones: the 商户 PID entered as the APPID, the app public key pasted where the Alipay
 * public key goes, an app public key on the platform that is not our private key's, the WAP
 * product not signed. Findings are named `alipay.*` beside the WeChat ones.
 */
const T = (zh: string, en: string): Text => ({ zh, en });
const ok = (check: string, message: Text): Finding => ({ check: `alipay.${check}`, ok: true, message });
const bad = (check: string, message: Text, fix: Text): Finding => ({
  check: `alipay.${check}`,
  ok: false,
  message,
  fix,
});

const KEY_SETTINGS = "开放平台「控制台 → 我的应用 → 开发设置 → 接口加签方式」";
const KEY_SETTINGS_EN = "the open platform's console → my app → development settings → signing method";

export async function checkAlipayConfig(
  c: OpenedAlipayConfig,
  opts: { clock: Clock; defaultGatewayUrl?: string; notifyUrl: string; timeoutMs?: number },
): Promise<Finding[]> {
  const out: Finding[] = [];
  out.push(appIdCheck(c.appId));
  const privateKey = privateKeyCheck(c, out);
  alipayKeyCheck(c, privateKey, out);
  const blocked = out.some((f) => !f.ok);
  const built = alipayProvider(c, {
    clock: opts.clock,
    ...(opts.defaultGatewayUrl ? { defaultGatewayUrl: opts.defaultGatewayUrl } : {}),
    timeoutMs: opts.timeoutMs ?? 5000,
  });
  if (!built.ok || blocked) {
    const why = built.ok
      ? T("请先修正上面的问题", "fix the problems above first")
      : built.missing.length
        ? T(`缺少 ${built.missing.join("、")}`, `missing ${built.missing.join(", ")}`)
        : T(built.reason ?? "", built.reason ?? "");
    out.push(
      bad(
        "gateway",
        T(`未联机检查支付宝：${why.zh}。`, `Alipay not checked online: ${why.en}.`),
        T(
          "补全并修正上面的支付宝配置后再检查。",
          "Complete and correct the Alipay configuration above, then check again.",
        ),
      ),
    );
    if (built.ok) await built.provider.dispose();
    return out;
  }
  const p = built.provider;
  try {
    // A query of a trade that cannot exist must come back "not found", signed by Alipay: the
    // gateway answers, it accepted our signature (the app public key it holds is our key's), and
    // its answer verifies with the Alipay public key entered here.
    const probe = await p.query(`CGCHK${randomBytes(8).toString("hex")}`);
    const code = probe.ok ? "ok" : probe.error.code;
    if (code === "provider_unavailable" || code === "outcome_unknown" || code === "rate_limited") {
      out.push(
        bad(
          "gateway",
          T(
            `支付宝网关无应答：${probe.ok ? "" : probe.error.message}`,
            `Alipay's gateway does not answer: ${probe.ok ? "" : probe.error.message}`,
          ),
          T(
            "稍后重试；若持续失败，检查服务器出网与 gatewayUrl（应以 /gateway.do 结尾）。",
            "Retry later; if it persists, check outbound network and gatewayUrl (it ends in /gateway.do).",
          ),
        ),
      );
      return out;
    }
    out.push(ok("gateway", T("支付宝网关应答正常。", "Alipay's gateway answers.")));
    if (code !== "ok" && code !== "not_found") {
      out.push(liveFailure(code, probe.ok ? undefined : probe.error.providerCode, probe.ok ? "" : probe.error.message));
      return out;
    }
    out.push(
      ok(
        "appKeyPair",
        T(
          "支付宝接受了我方签名（开放平台上的应用公钥与此私钥配对），支付宝的应答也通过了支付宝公钥验签。",
          "Alipay accepted our signature (the app public key on the platform pairs with this private key), and its answer verifies with the Alipay public key.",
        ),
      ),
    );
    out.push(await testTrade(p, opts));
  } finally {
    await p.dispose();
  }
  return out;
}

function appIdCheck(appId: string): Finding {
  if (/^2088\d{12}$/.test(appId)) {
    return bad(
      "appId",
      T(
        `「${appId}」是商户 PID（2088 开头），不是应用 APPID。`,
        `"${appId}" is the merchant PID (2088…), not the app's APPID.`,
      ),
      T(
        "在开放平台「控制台 → 我的应用」复制应用的 APPID（通常 16 位，以 20 开头）。",
        "Copy the app's APPID from the open platform's console → my apps (usually 16 digits starting 20).",
      ),
    );
  }
  return /^\d{16}$/.test(appId)
    ? ok("appId", T(`APPID ${appId} 格式正确。`, `APPID ${appId} is well formed.`))
    : bad(
        "appId",
        T(`APPID「${appId}」格式不对（应为 16 位数字）。`, `APPID "${appId}" is malformed (16 digits).`),
        T(
          "在开放平台「控制台 → 我的应用」复制应用的 APPID。",
          "Copy the app's APPID from the open platform's console → my apps.",
        ),
      );
}

const PRIVATE_FIX = T(
  `填写用支付宝密钥工具生成的「应用私钥」（RSA2048，PKCS8 或 PKCS1 均可，可带或不带 -----BEGIN----- 头）；它只保存在我方，不要上传给支付宝。对应的应用公钥须上传到${KEY_SETTINGS}。`,
  `Enter the app private key made by Alipay's key tool (RSA2048, PKCS8 or PKCS1, with or without PEM headers); it stays with us. Its app public key must be uploaded in ${KEY_SETTINGS_EN}.`,
);

function privateKeyCheck(c: OpenedAlipayConfig, out: Finding[]): KeyObject | undefined {
  if (!c.privateKeyPem) {
    out.push(bad("privateKey", T("未填写支付宝应用私钥。", "The Alipay app private key is missing."), PRIVATE_FIX));
    return undefined;
  }
  let key: KeyObject;
  try {
    key = readPrivateKey(c.privateKeyPem);
  } catch {
    let isPublic = false;
    try {
      readPublicKey(c.privateKeyPem);
      isPublic = true;
    } catch {}
    out.push(
      bad(
        "privateKey",
        T(
          isPublic
            ? "私钥一栏填的是公钥（应用公钥或支付宝公钥）。"
            : "应用私钥无法读取（不是 PEM 或 base64 格式的 RSA 私钥）。",
          isPublic
            ? "A public key (the app's or Alipay's) was entered as the private key."
            : "The app private key does not parse (not an RSA private key in PEM or base64).",
        ),
        PRIVATE_FIX,
      ),
    );
    return undefined;
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== "rsa" || bits < 2048) {
    out.push(
      bad(
        "privateKey",
        T(
          `应用私钥不是 RSA2048（${key.asymmetricKeyType} ${bits} 位），RSA2 签名需要 2048 位。`,
          `The app private key is not RSA 2048 (${key.asymmetricKeyType} ${bits} bits); RSA2 needs 2048.`,
        ),
        PRIVATE_FIX,
      ),
    );
    return undefined;
  }
  out.push(ok("privateKey", T("应用私钥可以读取（RSA2048）。", "The app private key parses (RSA 2048).")));
  return key;
}

const ALIPAY_KEY_FIX = T(
  `在${KEY_SETTINGS}点「查看支付宝公钥」复制后填写；它不是自己生成的应用公钥。本系统使用公钥模式，不使用证书模式。`,
  `Copy the Alipay public key from ${KEY_SETTINGS_EN} ("view Alipay public key"); it is not the app public key you generated. We use public-key mode, not certificate mode.`,
);

function alipayKeyCheck(c: OpenedAlipayConfig, privateKey: KeyObject | undefined, out: Finding[]): void {
  if (!c.alipayPublicKeyPem) {
    out.push(bad("alipayPublicKey", T("未填写支付宝公钥。", "The Alipay public key is missing."), ALIPAY_KEY_FIX));
    return;
  }
  if (c.alipayPublicKeyPem.includes("BEGIN CERTIFICATE")) {
    out.push(
      bad(
        "alipayPublicKey",
        T(
          "支付宝公钥一栏填的是证书（证书模式的 alipayCertPublicKey_RSA2.crt）。",
          "A certificate (certificate mode) was entered as the Alipay public key.",
        ),
        ALIPAY_KEY_FIX,
      ),
    );
    return;
  }
  let key: KeyObject;
  try {
    key = readPublicKey(c.alipayPublicKeyPem);
  } catch {
    out.push(
      bad("alipayPublicKey", T("支付宝公钥无法读取。", "The Alipay public key does not parse."), ALIPAY_KEY_FIX),
    );
    return;
  }
  const der = (k: KeyObject) => k.export({ type: "spki", format: "der" });
  if (privateKey && der(createPublicKey(privateKey)).equals(der(key))) {
    out.push(
      bad(
        "alipayPublicKey",
        T(
          "支付宝公钥一栏填的是自己的应用公钥（与应用私钥是一对）。",
          "The app's own public key (the private key's pair) was entered as the Alipay public key.",
        ),
        ALIPAY_KEY_FIX,
      ),
    );
    return;
  }
  out.push(ok("alipayPublicKey", T("支付宝公钥可以读取。", "The Alipay public key parses.")));
}

function liveFailure(code: string, providerCode: string | undefined, message: string): Finding {
  if (code === "auth_failed") {
    return bad(
      "appKeyPair",
      T(
        `支付宝验签失败（${providerCode ?? code}）：开放平台上的应用公钥与这里的应用私钥不是一对。`,
        `Alipay refused our signature (${providerCode ?? code}): the app public key on the platform is not this private key's pair.`,
      ),
      T(
        `用支付宝密钥工具由此私钥「匹配/生成」应用公钥，上传到${KEY_SETTINGS}；或改填与已上传公钥配对的私钥。`,
        `Derive the app public key from this private key with Alipay's key tool and upload it in ${KEY_SETTINGS_EN}; or enter the private key that pairs with the uploaded one.`,
      ),
    );
  }
  if (code === "bad_signature") {
    return bad(
      "alipayPublicKey",
      T(
        `支付宝的应答无法用填写的支付宝公钥验证：${message}`,
        `Alipay's answer does not verify with the Alipay public key entered: ${message}`,
      ),
      ALIPAY_KEY_FIX,
    );
  }
  if (code === "config_error" || providerCode === "isv.invalid-app-id") {
    return bad(
      "appId",
      T(
        `支付宝不认这个应用（${providerCode ?? code}）：${message}`,
        `Alipay does not accept this app (${providerCode ?? code}): ${message}`,
      ),
      T(
        "核对 APPID，并确认应用已上线（开放平台「我的应用」状态为「已上线」）。",
        "Check the APPID and that the app is online (status 已上线 in my apps).",
      ),
    );
  }
  return bad(
    "appKeyPair",
    T(
      `支付宝返回错误（${providerCode ?? code}）：${message}`,
      `Alipay answered an error (${providerCode ?? code}): ${message}`,
    ),
    T("按错误信息修正配置后重试。", "Correct the configuration as the message says and retry."),
  );
}

/**
 * A 1-fen WAP trade: the signed pay URL is opened at the gateway as the buyer's browser would (the
 * cashier page must come back, not Alipay's error page), then closed. Nobody logs in at the
 * cashier, so Alipay makes no trade and the close answers "no such trade" — which is success here.
 * The error-page reading is verified against the simulator only.
 */
async function testTrade(
  p: PaymentProvider,
  opts: { clock: Clock; notifyUrl: string; timeoutMs?: number },
): Promise<Finding> {
  const outTradeNo = `CGCHK${randomBytes(8).toString("hex")}`;
  const created = await p.create({
    outTradeNo,
    description: "支付配置检查（不会扣款）",
    amountFen: 1,
    expiresAt: opts.clock.now() + 5 * 60_000,
    notifyUrl: opts.notifyUrl,
  });
  if (!created.ok || created.value.payParams.kind !== "redirect") {
    return bad(
      "testTrade",
      T("无法生成测试支付链接。", "The test pay URL could not be made."),
      T("检查上面的配置。", "Check the configuration above."),
    );
  }
  let status = 0;
  let page = "";
  try {
    const res = await fetch(created.value.payParams.url, {
      redirect: "manual",
      signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
    });
    status = res.status;
    page = await res.text();
  } catch (err) {
    return bad(
      "testTrade",
      T(
        `打开测试支付链接失败：${(err as Error).message}`,
        `Opening the test pay URL failed: ${(err as Error).message}`,
      ),
      T("稍后重试；检查 gatewayUrl。", "Retry later; check gatewayUrl."),
    );
  }
  const errorCode = /错误代码\s*([A-Za-z0-9_.-]+)/.exec(page)?.[1];
  if (status >= 400 || errorCode) {
    const unsigned = errorCode === "ACQ.ACCESS_FORBIDDEN" || errorCode === "isv.insufficient-isv-permissions";
    return bad(
      "testTrade",
      T(
        `支付宝收银台拒绝了 1 分钱测试交易（${errorCode ?? `HTTP ${status}`}）。`,
        `Alipay's cashier refused the 1-fen test trade (${errorCode ?? `HTTP ${status}`}).`,
      ),
      unsigned
        ? T(
            "在支付宝商家平台「产品中心」签约「手机网站支付」，并在开放平台为应用绑定该产品。",
            "Sign the 手机网站支付 product in the merchant platform's product centre and bind it to the app on the open platform.",
          )
        : T("按错误代码修正配置后重试。", "Correct the configuration as the error code says and retry."),
    );
  }
  const closed = await p.close(outTradeNo);
  if (closed.ok || closed.error.code === "not_found") {
    return ok(
      "testTrade",
      T(
        "1 分钱测试交易的支付链接被支付宝收银台接受，并已关闭（无人付款，支付宝未生成交易）。",
        "Alipay's cashier accepted the 1-fen test trade's pay URL, and it was closed (nobody paid, so Alipay made no trade).",
      ),
    );
  }
  return bad(
    "testTrade",
    T(`测试交易关闭失败：${closed.error.message}`, `The test trade was not closed: ${closed.error.message}`),
    T("稍后重试检查；未付款的链接 5 分钟后自动失效。", "Check again later; the unpaid link lapses after 5 minutes."),
  );
}
