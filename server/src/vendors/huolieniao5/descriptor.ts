import { Type } from "@sinclair/typebox";
import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { minutes } from "../recovery.js";
import { BRANDS } from "./brands.js";
import { HUOLIENIAO5CODES } from "./codes.js";
import { huolieniao5Recovery } from "./recovery.js";

/**
 * public-refs §7.1: every call carries channelCode and is signed with the key (never sent). `brand`
 * names the YXT-family brand for display, diagnosis and the YXT call differences; a union of
 * literals, so the console's onboarding form offers it as a drop-down.
 */
export const Huolieniao5Credentials = credentials({
  channelCode: credential({ zh: "渠道编码 (channelCode)", en: "Channel code (channelCode)" }),
  key: secretCredential({ zh: "签名密钥", en: "Signing key" }),
  brand: Type.Optional(
    Type.Union(
      BRANDS.map((b) => Type.Literal(b.id, { title: b.name.zh, "x-label": b.name })),
      { "x-label": { zh: "品牌（大地等 YXT 院线）", en: "Brand (Dadi and other YXT circuits)" } },
    ),
  ),
});

/**
 * Limits: the refs show no seat limit (4, the common one, is our choice) and a lock time the lock
 * reply returns (lockTime, minutes; the CEC sample says 15, the fallback when it is missing).
 * No reversal call; refunds are revokeTicket; printing is queryOrder's printStatus.
 * No member-card call of this protocol is public (§7.3 lists member codes only): memberCards off.
 */
export const huolieniao5Capabilities = capabilities(
  { maxSeatsPerOrder: 4, lockTtlMs: minutes(15) },
  { catalogue: true, seatStatus: true, trade: true, refund: true, printStatus: true },
);

/** 火烈鸟 v5.0 ("NGC") and the YXT family (大地, 洲立, 金逸, 微影) and 天河: public-refs §7, no vendor document. */
export const huolieniao5 = defineSeatVendor({
  id: "huolieniao5",
  names: {
    zh: "火烈鸟 5.0 / YXT（大地、洲立、金逸、微影、天河）",
    en: "Huolieniao 5.0 / YXT (Dadi, Zhouli, Jinyi, Weiying, Tianhe)",
  },
  document: "public-refs.md §7 (no vendor document)",
  credentials: Huolieniao5Credentials,
  capabilities: huolieniao5Capabilities,
  recovery: huolieniao5Recovery,
  codes: codeRows(HUOLIENIAO5CODES, (r) => r),
  support: {
    // doc 000 §三.1 <2>: 内部编码=广电编码（… 火烈鸟、大地 …）.
    internalCodeIsNational: true,
    // doc 000 §三.1 (5) names only 鼎新 as querying a day later.
    // doc 000 §四.2 (6): 火烈鸟影院：针对VC渠道是否属于开售状态. The handbook has no 大地 entry.
    noShowtimesFix: {
      zh: "火烈鸟影院：请影院在火烈鸟系统中确认我方渠道（手册中的VC渠道）的场次处于开售状态；接入时填写的影院编码即广电编码（8位）。大地、洲立、金逸、微影、天河影院（同一接口，技术支持手册未列出检查项）：请影院确认场次已对我方渠道开放销售并已定价。保存后点「立即同步」。",
      en: "Huolieniao cinemas: ask the cinema to check in its Huolieniao system that our channel (the handbook's VC channel) is open for sale for these showtimes; the cinema code used at onboarding is the 8-digit national code. Dadi, Zhouli, Jinyi, Weiying and Tianhe cinemas (same interface; the support handbook lists no checks): ask the cinema to open the showtimes to our channel and price them. Then press “Sync now”.",
    },
    notOnSaleFix: {
      zh: "场次状态不是可售（status≠1）或票价无法识别：请影院在系统中确认我方渠道的场次已开售并设置了结算价与最低价。",
      en: "These showtimes are not on sale (status ≠ 1) or carry unreadable prices: ask the cinema to open them to our channel with settlement and lowest prices set.",
    },
  },
  // doc 000 §二.6: 火烈鸟 0775-82888020, group 372488428; 大地's group 391149874 is in the brand notes (docs).
  contact: { phone: "0775-82888020", group: "372488428" },
  demoPort: 7110,
  connector: async () => (await import("./index.js")).createHuolieniao5Connector,
});
