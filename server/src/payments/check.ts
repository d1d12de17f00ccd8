import { createPrivateKey, createPublicKey, randomBytes, X509Certificate } from "node:crypto";
import type { Clock } from "../domain/time.js";
import { checkAlipayConfig as checkAlipayApp } from "./alipay/check.js";
import { sellerIdFinding } from "./alipay-seller-check.js";
import { type OpenedAlipayConfig, type OpenedWechatConfig, wechatProvider } from "./config.js";
import { parsePlatformKey } from "./wechat-v3/platform-keys.js";

/**
 * POST /admin/cinemas/{id}/payment-config/check: one finding per check, each with the fix a support
 * person applies, written for the common mistakes of doc 000 §四.1 (AppID not bound to the 商户号,
 * wrong API key, certificate not matching, keys pasted into the wrong field, 支付授权目录).
 * Local checks run first; the live ones (the merchant answers, a 1-fen order is created and
 * closed) only when the local ones allow a provider to be built.
 */
export interface Text {
  zh: string;
  en: string;
}
const T = (zh: string, en: string): Text => ({ zh, en });

export interface Finding {
  check: string;
  ok: boolean;
  message: Text;
  fix?: Text;
}

const ok = (check: string, message: Text): Finding => ({ check, ok: true, message });
const bad = (check: string, message: Text, fix: Text): Finding => ({ check, ok: false, message, fix });

const CHECK_OUT_TRADE_NO = () => `CGCHK${randomBytes(8).toString("hex")}`;
/** An openid the check orders for when support gives none: WeChat refuses it after checking AppID ↔ 商户号. */
const PLACEHOLDER_OPENID = "oCinegateConfigCheck000000000";

export async function checkWechatConfig(
  c: OpenedWechatConfig | undefined,
  opts: { clock: Clock; defaultBaseUrl?: string; notifyUrl: string; testOpenid?: string; timeoutMs?: number },
): Promise<Finding[]> {
  if (!c) {
    return [
      bad(
        "configured",
        T("未配置微信支付。", "WeChat Pay is not configured."),
        T(
          "向影院索取公众号 AppID、AppSecret、商户号及 API 密钥/证书后填写并保存。",
          "Ask the cinema for its AppID, AppSecret, 商户号 and API keys/certificate, then save them.",
        ),
      ),
    ];
  }
  const out: Finding[] = [];
  out.push(
    /^wx[0-9a-f]{16}$/.test(c.appId)
      ? ok("appId", T(`AppID ${c.appId} 格式正确。`, `AppID ${c.appId} is well formed.`))
      : bad(
          "appId",
          T(`AppID「${c.appId}」格式不对（应为 wx 开头的 18 位）。`, `AppID "${c.appId}" is malformed (wx + 16 hex).`),
          T(
            "在公众号后台「设置与开发 → 基本配置」复制开发者ID(AppID)；不要填小程序、开放平台或企业微信的 AppID。",
            "Copy the developer ID (AppID) from the 公众号 admin, 设置与开发 → 基本配置; not a mini-program or open-platform AppID.",
          ),
        ),
  );
  out.push(
    /^\d{8,10}$/.test(c.mchId)
      ? ok("mchId", T(`商户号 ${c.mchId} 格式正确。`, `商户号 ${c.mchId} is well formed.`))
      : bad(
          "mchId",
          T(
            `商户号「${c.mchId}」格式不对（应为纯数字，一般 10 位）。`,
            `商户号 "${c.mchId}" is malformed (digits, usually 10).`,
          ),
          T(
            "在微信支付商户平台右上角或「账户中心 → 商户信息」查看商户号。",
            "Read the 商户号 in the merchant platform, 账户中心 → 商户信息.",
          ),
        ),
  );
  out.push(
    c.appSecret && /^[0-9a-f]{32}$/.test(c.appSecret)
      ? ok("appSecret", T("AppSecret 已填写。", "AppSecret is set."))
      : bad(
          "appSecret",
          T(
            c.appSecret ? "AppSecret 格式不对（应为 32 位）。" : "未填写 AppSecret，无法获取顾客 openid。",
            c.appSecret
              ? "AppSecret is malformed (32 hex)."
              : "AppSecret is missing: buyers' openids cannot be obtained.",
          ),
          T(
            "在公众号后台「设置与开发 → 基本配置」重置 AppSecret 后填写，并把我方服务器 IP 加入「IP白名单」。",
            "Reset the AppSecret in 设置与开发 → 基本配置, enter it here, and add our server IPs to the IP whitelist.",
          ),
        ),
  );

  if (c.apiVersion === "v3") out.push(...v3LocalChecks(c, opts.clock));
  else out.push(...v2LocalChecks(c));

  const built = wechatProvider(c, {
    clock: opts.clock,
    ...(opts.defaultBaseUrl ? { defaultBaseUrl: opts.defaultBaseUrl } : {}),
    timeoutMs: opts.timeoutMs ?? 5000,
  });
  if (!built.ok || out.some((f) => !f.ok && LOCAL_BLOCKERS.has(f.check))) {
    out.push(
      bad(
        "merchantAnswers",
        T(
          `未联机检查：${built.ok ? "请先修正上面的问题" : built.missing.length ? `缺少 ${built.missing.join("、")}` : built.reason}。`,
          `Not checked online: ${built.ok ? "fix the problems above first" : built.missing.length ? `missing ${built.missing.join(", ")}` : built.reason}.`,
        ),
        T("补全并修正上面的配置后再检查。", "Complete and correct the configuration above, then check again."),
      ),
    );
    if (built.ok) await built.provider.dispose();
    out.push(payDirectoryReminder());
    return out;
  }
  const p = built.provider;
  try {
    // The merchant answers: a query of a trade that cannot exist must come back "not found",
    // signed by WeChat's key — proving our key, serial, clock and WeChat's key all fit.
    const probe = await p.query(CHECK_OUT_TRADE_NO());
    if (probe.ok || probe.error.code === "not_found") {
      out.push(
        ok(
          "merchantAnswers",
          T("商户号应答正常，签名与验签均通过。", "The merchant answers; our signature and WeChat's both verify."),
        ),
      );
    } else {
      out.push(
        liveFailure("merchantAnswers", probe.error.code, probe.error.providerCode, probe.error.message, c.apiVersion),
      );
      out.push(payDirectoryReminder());
      return out;
    }
    const outTradeNo = CHECK_OUT_TRADE_NO();
    const created = await p.create({
      outTradeNo,
      description: "支付配置检查（不会扣款）",
      amountFen: 1,
      openid: opts.testOpenid ?? PLACEHOLDER_OPENID,
      expiresAt: opts.clock.now() + 5 * 60_000,
      notifyUrl: opts.notifyUrl,
    });
    if (created.ok) {
      const closed = await p.close(outTradeNo);
      out.push(
        closed.ok
          ? ok(
              "testOrder",
              T(
                "1 分钱测试订单已创建并关闭：AppID 与商户号绑定正常。",
                "A 1-fen test order was created and closed: the AppID is bound to the 商户号.",
              ),
            )
          : bad(
              "testOrder",
              T(
                `测试订单已创建，但关闭失败：${closed.error.message}`,
                `The test order was created but not closed: ${closed.error.message}`,
              ),
              T(
                "稍后重试检查；该订单未支付，过期后自动失效。",
                "Check again later; the unpaid order lapses by itself.",
              ),
            ),
      );
    } else if (/OPENID|openid/.test(`${created.error.providerCode} ${created.error.message}`) && !opts.testOpenid) {
      out.push(
        ok(
          "testOrder",
          T(
            "AppID 与商户号绑定正常（检查用的 openid 不属于该公众号，未实际下单）。",
            "The AppID is bound to the 商户号 (the check's placeholder openid is not of this AppID, so no order was made).",
          ),
        ),
      );
    } else {
      out.push(
        liveFailure("testOrder", created.error.code, created.error.providerCode, created.error.message, c.apiVersion),
      );
    }
  } finally {
    await p.dispose();
  }
  out.push(payDirectoryReminder());
  return out;
}

/** Checks whose failure makes a live call pointless (the provider would only echo them). */
const LOCAL_BLOCKERS = new Set(["apiV3Key", "privateKey", "merchantSerialNo", "platformKey", "apiKey"]);

function v3LocalChecks(c: OpenedWechatConfig, clock: Clock): Finding[] {
  const out: Finding[] = [];
  out.push(
    c.apiV3Key && Buffer.byteLength(c.apiV3Key) === 32
      ? ok("apiV3Key", T("APIv3 密钥为 32 位。", "The APIv3 key has 32 characters."))
      : bad(
          "apiV3Key",
          T(
            c.apiV3Key ? `APIv3 密钥长度为 ${Buffer.byteLength(c.apiV3Key)}，应为 32 位。` : "未填写 APIv3 密钥。",
            c.apiV3Key ? "The APIv3 key must have 32 characters." : "The APIv3 key is missing.",
          ),
          T(
            "在商户平台「账户中心 → API安全 → 设置APIv3密钥」设置 32 位密钥后填写；它与 v2 的「API密钥」不是同一个。未设置 APIv3 密钥时微信不会发送支付通知。",
            "Set a 32-character key in 账户中心 → API安全 → 设置APIv3密钥 and enter it; it is not the v2 API key. Without it WeChat sends no notifies.",
          ),
        ),
  );
  let privateOk = false;
  let privateKey: ReturnType<typeof createPrivateKey> | undefined;
  if (!c.merchantPrivateKeyPem) {
    out.push(bad("privateKey", T("未上传商户 API 私钥。", "The merchant API private key is missing."), KEY_FIX));
  } else {
    try {
      privateKey = createPrivateKey(c.merchantPrivateKeyPem);
      privateOk = privateKey.asymmetricKeyType === "rsa";
      out.push(
        privateOk
          ? ok("privateKey", T("商户 API 私钥可以读取。", "The merchant API private key parses."))
          : bad("privateKey", T("私钥不是 RSA 私钥。", "The key is not an RSA private key."), KEY_FIX),
      );
    } catch {
      const looksLikeCert = c.merchantPrivateKeyPem.includes("BEGIN CERTIFICATE");
      out.push(
        bad(
          "privateKey",
          T(
            looksLikeCert ? "私钥一栏填的是证书（apiclient_cert.pem）。" : "私钥无法读取（不是 PEM 格式）。",
            looksLikeCert
              ? "A certificate (apiclient_cert.pem) was entered as the private key."
              : "The private key does not parse (not PEM).",
          ),
          KEY_FIX,
        ),
      );
    }
  }
  const serial = c.merchantSerialNo ?? "";
  if (!/^[0-9A-F]{40}$/.test(serial)) {
    out.push(
      bad(
        "merchantSerialNo",
        T(
          serial ? `证书序列号「${serial}」格式不对（应为 40 位十六进制）。` : "未填写商户证书序列号。",
          serial ? "The certificate serial must be 40 hex characters." : "The certificate serial is missing.",
        ),
        SERIAL_FIX,
      ),
    );
  } else if (c.merchantCertificatePem && privateKey && privateOk) {
    // With apiclient_cert.pem we can prove locally that the key and the serial belong together.
    try {
      const cert = new X509Certificate(c.merchantCertificatePem);
      const certSerial = cert.serialNumber.toUpperCase();
      const samePair = createPublicKey(privateKey)
        .export({ type: "spki", format: "der" })
        .equals(cert.publicKey.export({ type: "spki", format: "der" }));
      if (!samePair) {
        out.push(
          bad(
            "merchantSerialNo",
            T(
              "私钥与商户证书不是一对（可能是旧证书或其他商户的证书）。",
              "The private key and the certificate are not a pair (an old certificate, or another merchant's).",
            ),
            KEY_FIX,
          ),
        );
      } else if (certSerial !== serial) {
        out.push(
          bad(
            "merchantSerialNo",
            T(
              `证书序列号填的是 ${serial}，证书实际为 ${certSerial}。`,
              `The serial entered is ${serial}; the certificate's is ${certSerial}.`,
            ),
            SERIAL_FIX,
          ),
        );
      } else {
        out.push(
          ok("merchantSerialNo", T("私钥与证书序列号匹配。", "The private key matches its certificate serial.")),
        );
      }
    } catch {
      out.push(bad("merchantSerialNo", T("商户证书无法读取。", "The merchant certificate does not parse."), KEY_FIX));
    }
  } else {
    out.push(
      ok(
        "merchantSerialNo",
        T(
          "证书序列号格式正确（是否与私钥匹配由下面的联机检查确认）。",
          "The serial is well formed (whether it matches the key is proven by the online check below).",
        ),
      ),
    );
  }
  out.push(platformKeyCheck(c, clock));
  return out;
}

function platformKeyCheck(c: OpenedWechatConfig, clock: Clock): Finding {
  const id = c.platformPublicKeyId ?? "";
  if (!id || !c.platformPublicKeyPem) {
    return bad(
      "platformKey",
      T(
        "未填写微信支付公钥（或平台证书）及其 ID。",
        "The WeChat Pay public key (or platform certificate) and its id are missing.",
      ),
      PLATFORM_FIX,
    );
  }
  try {
    const parsed = parsePlatformKey(c.platformPublicKeyPem);
    if (parsed.certificate) {
      if (parsed.certificate.serial !== id.toUpperCase()) {
        return bad(
          "platformKey",
          T(
            `平台证书序列号为 ${parsed.certificate.serial}，与填写的 ${id} 不一致。`,
            `The platform certificate's serial is ${parsed.certificate.serial}, not ${id}.`,
          ),
          PLATFORM_FIX,
        );
      }
      if (parsed.certificate.validTo < clock.now()) {
        return bad("platformKey", T("平台证书已过期。", "The platform certificate has expired."), PLATFORM_FIX);
      }
      return ok(
        "platformKey",
        T("平台证书可以读取，序列号一致。", "The platform certificate parses and its serial matches."),
      );
    }
    if (!id.startsWith("PUB_KEY_ID_")) {
      return bad(
        "platformKey",
        T(`公钥 ID「${id}」应以 PUB_KEY_ID_ 开头。`, `The public key id "${id}" must start with PUB_KEY_ID_.`),
        PLATFORM_FIX,
      );
    }
    return ok("platformKey", T("微信支付公钥可以读取。", "The WeChat Pay public key parses."));
  } catch {
    return bad(
      "platformKey",
      T(
        "微信支付公钥/平台证书无法读取（不是 PEM 格式）。",
        "The WeChat Pay public key / platform certificate does not parse.",
      ),
      PLATFORM_FIX,
    );
  }
}

function v2LocalChecks(c: OpenedWechatConfig): Finding[] {
  const out: Finding[] = [];
  out.push(
    c.apiKey && c.apiKey.length === 32
      ? ok("apiKey", T("API 密钥（v2）为 32 位。", "The v2 API key has 32 characters."))
      : bad(
          "apiKey",
          T(
            c.apiKey ? `API 密钥长度为 ${c.apiKey.length}，应为 32 位。` : "未填写 API 密钥（v2）。",
            c.apiKey ? "The v2 API key must have 32 characters." : "The v2 API key is missing.",
          ),
          T(
            "在商户平台「账户中心 → API安全 → 设置API密钥」设置 32 位密钥后填写；它不是 APIv3 密钥，也不是公众号 AppSecret。",
            "Set a 32-character key in 账户中心 → API安全 → 设置API密钥; it is neither the APIv3 key nor the AppSecret.",
          ),
        ),
  );
  out.push(
    c.merchantCertificatePem && c.merchantPrivateKeyPem
      ? ok("refundCertificate", T("已上传退款用的商户证书。", "The merchant certificate for refunds is set."))
      : bad(
          "refundCertificate",
          T(
            "未上传商户证书（apiclient_cert.pem 与 apiclient_key.pem），退款会失败。",
            "No merchant certificate (apiclient_cert.pem and apiclient_key.pem): refunds will fail.",
          ),
          T(
            "在商户平台「账户中心 → API安全 → 申请API证书」下载证书后上传；服务商模式下须用服务商的证书，否则退款报 certificate not match。",
            "Download the API certificate from 账户中心 → API安全 and upload it; under a service provider use the provider's certificate, or refunds fail with “certificate not match”.",
          ),
        ),
  );
  return out;
}

/** What a live call's failure means for support staff. */
function liveFailure(
  check: string,
  code: string,
  providerCode: string | undefined,
  message: string,
  version: "v3" | "v2",
): Finding {
  const pc = providerCode ?? "";
  if (pc === "APPID_MCHID_NOT_MATCH") {
    return bad(
      check,
      T("AppID 与商户号未绑定（appid和mch_id不匹配）。", "The AppID is not bound to the 商户号."),
      T(
        "在商户平台「产品中心 → AppID账号管理」关联该公众号 AppID，再到公众号后台「微信支付」确认授权（M-A 授权）。",
        "Link the AppID in 产品中心 → AppID账号管理, then confirm the authorisation in the 公众号's 微信支付 page (M-A authorisation).",
      ),
    );
  }
  if (pc === "MCH_NOT_EXISTS" || pc === "MCHID_NOT_EXIST") {
    return bad(
      check,
      T("商户号不存在。", "The 商户号 does not exist."),
      T("核对商户号是否抄错。", "Check the 商户号 for typos."),
    );
  }
  if (pc === "NO_AUTH" || pc === "NOAUTH") {
    return bad(
      check,
      T("商户没有 JSAPI 支付权限或收款功能受限。", "The merchant lacks JSAPI payment or is restricted."),
      T(
        "在商户平台「产品中心」开通 JSAPI 支付，并查看是否有违规限制通知。",
        "Enable JSAPI payment in 产品中心 and look for restriction notices.",
      ),
    );
  }
  if (code === "auth_failed") {
    return bad(
      check,
      T(`微信支付拒绝了我方签名：${message}`, `WeChat Pay refused our signature: ${message}`),
      version === "v3"
        ? T(
            "检查商户 API 私钥与证书序列号是否来自同一张证书（换过证书后须同时更新两者），以及服务器时间是否准确。",
            "Check that the private key and the serial come from the same certificate (update both after a renewal) and that the server clock is right.",
          )
        : T(
            "检查 API 密钥（v2）是否为商户平台当前设置的密钥（重置后旧密钥立即失效）。",
            "Check the v2 API key is the current one (a reset invalidates the old key at once).",
          ),
    );
  }
  if (code === "bad_signature") {
    return bad(
      check,
      T(`无法验证微信支付的应答：${message}`, `WeChat Pay's answer does not verify: ${message}`),
      version === "v3"
        ? T(
            "在商户平台「账户中心 → API安全 → 微信支付公钥」核对公钥 ID 与公钥内容（或使用平台证书模式时下载最新平台证书）。",
            "Check the public key id and key in 账户中心 → API安全 → 微信支付公钥 (or download the current platform certificate).",
          )
        : T("检查 API 密钥（v2）是否正确。", "Check the v2 API key."),
    );
  }
  if (code === "provider_unavailable" || code === "outcome_unknown") {
    return bad(
      check,
      T(`微信支付暂时无法访问：${message}`, `WeChat Pay is unreachable: ${message}`),
      T(
        "稍后重试；若持续失败，检查服务器出网与 apiBaseUrl。",
        "Retry later; if it persists, check outbound network and apiBaseUrl.",
      ),
    );
  }
  return bad(
    check,
    T(`微信支付返回错误：${message}`, `WeChat Pay answered an error: ${message}`),
    T("按错误信息修正配置后重试。", "Correct the configuration as the message says and retry."),
  );
}

function payDirectoryReminder(): Finding {
  return {
    check: "payDirectory",
    ok: true,
    message: T("支付授权目录无法通过接口检查。", "The JSAPI payment directory cannot be checked through the API."),
    fix: T(
      "请在商户平台「产品中心 → 开发配置 → JSAPI支付授权目录」添加购票页所在目录（https 开头、以 / 结尾，最多 5 个），否则顾客付款时提示“当前页面的URL未注册”。",
      "Add the ticket site's directory under 产品中心 → 开发配置 → JSAPI支付授权目录 (https, ending in /, at most 5), or buyers see “当前页面的URL未注册”.",
    ),
  };
}

const KEY_FIX = T(
  "上传商户平台「账户中心 → API安全 → API证书」生成的 apiclient_key.pem（以 -----BEGIN PRIVATE KEY----- 开头），不是 apiclient_cert.pem 或 .p12 文件。",
  "Upload apiclient_key.pem from 账户中心 → API安全 → API证书 (it starts with -----BEGIN PRIVATE KEY-----), not apiclient_cert.pem or the .p12.",
);
const SERIAL_FIX = T(
  "在商户平台「账户中心 → API安全 → API证书 → 管理证书」复制证书序列号（40 位）；换过证书后须同时更新私钥与序列号。",
  "Copy the 40-character serial from 账户中心 → API安全 → API证书 → 管理证书; after a renewal update both key and serial.",
);
const PLATFORM_FIX = T(
  "在商户平台「账户中心 → API安全 → 微信支付公钥」下载公钥并复制公钥 ID（PUB_KEY_ID_ 开头）；老商户也可填平台证书及其序列号。",
  "Download the WeChat Pay public key and copy its id (PUB_KEY_ID_…) from 账户中心 → API安全 → 微信支付公钥; older merchants may use the platform certificate and its serial.",
);

/**
 * Alipay's findings: the app's live checks live beside its client; the seller PID's (a
 * configuration field, not a protocol matter) is added here, right after the APPID's.
 */
export async function checkAlipayConfig(
  c: OpenedAlipayConfig,
  opts: Parameters<typeof checkAlipayApp>[1],
): Promise<Finding[]> {
  const findings = await checkAlipayApp(c, opts);
  const afterAppId = findings.findIndex((f) => f.check === "alipay.appId") + 1;
  findings.splice(afterAppId, 0, sellerIdFinding(c));
  return findings;
}
