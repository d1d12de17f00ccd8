import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { minutes } from "../recovery.js";
import { M1905CODES } from "./codes.js";
import { m1905Recovery } from "./recovery.js";

/** public-refs §8.1: every call carries pAppCode and is signed with the key (never sent). */
export const M1905Credentials = credentials({
  appCode: credential({ zh: "应用编码 (pAppCode)", en: "App code (pAppCode)" }),
  key: secretCredential({ zh: "校验密钥", en: "Verify key" }),
});

/**
 * Limits: the refs show no seat limit (4 is the conservative common one) and no fixed lock time
 * (1905 returns AutoUnlockDatetime per seat; 15 minutes is only the fallback when it is missing).
 * No reversal call exists; refunds are RefundTicket; printing is GetOrderStatus's PrintStatus.
 */
export const m1905Capabilities = capabilities(
  { maxSeatsPerOrder: 4, lockTtlMs: minutes(15) },
  { listCinemas: true, catalogue: true, seatStatus: true, trade: true, refund: true, printStatus: true },
);

/** 1905 电影网 netsale (form POST, XML replies): from public-refs §8 alone, no vendor document held. */
export const m1905 = defineSeatVendor({
  id: "m1905",
  names: { zh: "1905电影网", en: "1905 (M1905 netsale)" },
  document: "public-refs.md §8 (no vendor document)",
  credentials: M1905Credentials,
  capabilities: m1905Capabilities,
  recovery: m1905Recovery,
  codes: codeRows(M1905CODES, (r) => r),
  support: {
    // doc 000 §三.1 <3>: 内部编码≠广电编码（… 1905 …）.
    internalCodeIsNational: false,
    // No date offset: doc 000 §三.1 (5) names only 鼎新 as querying a day later.
    // doc 000 §四.2 has no 1905 entry: these checks come from what 1905's calls show (CinemaNo is its
    // own number; sessions carry a Status and prices) plus the general channel check.
    noShowtimesFix: {
      zh: "（技术支持手册未列出1905的检查项）请先确认接入时填写的是1905的影院内部编号（CinemaNo），不是广电编码；再请影院在1905系统中确认场次已对我方渠道开放销售并已设置票价。保存后点「立即同步」。",
      en: "(The support handbook lists no 1905 checks.) First check the cinema was onboarded with 1905's own cinema number (CinemaNo), not the national code; then ask the cinema to confirm in its 1905 system that the showtimes are open to our channel and priced. Then press “Sync now”.",
    },
    notOnSaleFix: {
      zh: "1905返回的场次状态不是可售（Status≠1）或票价无法识别：请影院在1905系统中确认场次已开放网售并设置了结算价与最低价。",
      en: "1905 reports these sessions as not on sale (Status ≠ 1) or with unreadable prices: ask the cinema to open them for online sale in its 1905 system with settlement and lowest prices set.",
    },
  },
  // No contact line: doc 000 §二.6 lists no 400 number or group for 1905.
  demoPort: 7108,
  connector: async () => (await import("./index.js")).createM1905Connector,
});
