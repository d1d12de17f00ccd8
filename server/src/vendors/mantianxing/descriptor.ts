import { Type } from "@sinclair/typebox";
import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { minutes } from "../recovery.js";
import { MANTIANXING_CODES } from "./codes.js";
import { mantianxingRecovery } from "./recovery.js";

/**
 * The account's credentials (public-refs §9.2, §9.4): the ticket centre's app code and key, and,
 * for member cards, the member centre's partner code, key and partner id plus its own address
 * (the refs show it on another host than the ticket centre).
 */
export const MantianxingCredentials = credentials({
  appCode: credential({ zh: "应用编码 (AppCode)", en: "App code" }),
  key: secretCredential({ zh: "签名密钥", en: "Signing key" }),
  payType: Type.Optional(
    credential(
      {
        zh: "支付类型 PayType（不填为 0；正式环境由满天星分配）",
        en: "PayType (default 0; production accounts are given one)",
      },
      10,
    ),
  ),
  partnerCode: Type.Optional(credential({ zh: "会员中心合作商编码", en: "Member centre partner code" })),
  partnerKey: Type.Optional(secretCredential({ zh: "会员中心密钥", en: "Member centre key" })),
  partnerId: Type.Optional(
    Type.String({
      maxLength: 100,
      "x-label": { zh: "会员中心 partnerId（可空）", en: "Member centre partner id (may be empty)" },
    }),
  ),
  memberBaseUrl: Type.Optional(
    credential({ zh: "会员中心地址（不填则同票务地址）", en: "Member centre URL (default: the ticket URL)" }, 500),
  ),
});

/**
 * Lock lifetime: not returned by the vendor; hubs assume 10 (SH) or 15 minutes (PHP-MTX). We take
 * the shorter. Seats per order: the refs name no limit; 4 is the conservative hub-wide default.
 */
// doc 000 §三.1 <1>: the cinema-list query finds nothing for 满天星 (B/C centres): onboard by code.
export const mantianxingCapabilities = capabilities(
  { maxSeatsPerOrder: 4, lockTtlMs: minutes(10) },
  { catalogue: true, seatStatus: true, trade: true, refund: true, printStatus: true, memberCards: true },
);

/** 满天星 CMTS (public refs only: shared/vendor-docs/public-refs.md §9; doc 000 for support notes). */
export const mantianxing = defineSeatVendor({
  id: "mantianxing",
  names: { zh: "满天星", en: "Mantianxing (CMTS)" },
  document: "public-refs.md §9 (no vendor document held); 000_dcebf5243af562c0.txt",
  credentials: MantianxingCredentials,
  capabilities: mantianxingCapabilities,
  recovery: mantianxingRecovery,
  codes: codeRows(MANTIANXING_CODES, (r) => r),
  support: {
    // doc 000 §三.1 <2>: 内部编码=广电编码 (晨星、满天星、火烈鸟、大地、快购云).
    internalCodeIsNational: true,
    // doc 000 §四.2 <2>(3) and <1>(2).
    noShowtimesFix: {
      zh: "满天星影院：请影院确认本地系统已设置票类；并在 MCS 平台确认已配置相应的平台（满天星影院分 B、C 平台，默认展示 B 平台影院）。设置后点「立即同步」。",
      en: "满天星 cinema: ask the cinema to check that ticket types are set up in its local system, and check in MCS that the matching platform is configured (满天星 cinemas sit on a B or a C platform; B is shown by default). Then press “Sync now”.",
    },
    notOnSaleFix: {
      zh: "满天星场次的 SetClose 不是「1 售票中」或 UseSign 不是「0 可用」：请影院确认场次已开放网售并已设置票类和票价。",
      en: "满天星 reports these showtimes with SetClose other than 1 (on sale) or UseSign other than 0 (usable): ask the cinema to open them for online sale with ticket types and prices.",
    },
  },
  // doc 000 §二.6: 满天星 400 6171 987 (no group listed).
  contact: { phone: "400 6171 987" },
  demoPort: 7107,
  connector: async () => (await import("./index.js")).createMantianxingConnector,
});
