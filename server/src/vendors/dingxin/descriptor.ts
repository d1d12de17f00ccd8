import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { memberBaseUrlCredential } from "../member-host.js";
import { minutes } from "../recovery.js";
import { DINGXIN_CODES } from "./codes.js";
import { dingxinRecovery } from "./recovery.js";

/**
 * The account's credentials (public-refs §4.1/§4.2): the partner id `pid` and the key the double MD5
 * is keyed with (called authCode here). The member-card host (`mapi.*`) is another base URL; when
 * it is not given, member calls go to the ticketing base URL (as in our demo).
 */
export const DingxinCredentials = credentials({
  pid: credential({ zh: "合作商编号 (pid)", en: "Partner id (pid)" }),
  authCode: secretCredential({ zh: "签名密钥", en: "Signing key" }),
  memberBaseUrl: memberBaseUrlCredential(),
});

/**
 * Lock lifetime: 鼎新 returns none; NS assumes 10 minutes (public-refs §4.5, inferred) — the shorter
 * guess is the safe one. Seats per order: cinema/config `buyNumLimit` per cinema (505526 beyond it);
 * 4 is the conservative default the connector also checks before asking.
 */
export const dingxinCapabilities = capabilities(
  { maxSeatsPerOrder: 4, lockTtlMs: minutes(10) },
  {
    listCinemas: true,
    catalogue: true,
    seatStatus: true,
    trade: true,
    refund: true,
    printStatus: true,
    memberCards: true,
  },
);

/** 鼎新 (Dingxin / 影合众): form POST with a double-MD5 `_sig`; no vendor document, public-refs §4. */
export const dingxin = defineSeatVendor({
  id: "dingxin",
  names: { zh: "鼎新", en: "Dingxin" },
  document: "public-refs.md §4",
  credentials: DingxinCredentials,
  capabilities: dingxinCapabilities,
  recovery: dingxinRecovery,
  codes: codeRows(DINGXIN_CODES, (r) => r),
  support: {
    // doc 000 §三.1 (1) <3>: 内部编码≠广电编码 (鼎新); §三.1 (5): 鼎新日期延后一天查询.
    internalCodeIsNational: false,
    showtimeDateOffsetDays: 1,
    noShowtimesFix: {
      zh: "鼎新影院：请影院在本地系统「场次属性修改 - 场次开放渠道」中勾选我方渠道（VC），保存后需等待一段时间同步到网售中心，才能通过接口获取。注意鼎新排期查询日期要推后一天。之后点「立即同步」。",
      en: "Dingxin cinema: ask the cinema to tick our channel (VC) under 场次属性修改 - 场次开放渠道 (showtime properties - open channels) in its local system. It takes a while to reach Dingxin's online-sales centre before the API returns the showtimes. Dingxin showtime queries run one day later. Then press “Sync now”.",
    },
    notOnSaleFix: {
      zh: "鼎新场次为不可预订（allowBook=0）或价格异常：请影院确认场次已对我方渠道开放并已设置价格；会员卡能否网售可在会员卡等级接口查看。",
      en: "Dingxin marks these showtimes as not bookable (allowBook=0) or their prices are unreadable: ask the cinema to open them to our channel and price them; whether member cards may be sold online shows in the card-grade call.",
    },
  },
  // doc 000 §二.6: 鼎新 400 8155 550, 问题交流群 4008155550.
  contact: { phone: "400 8155 550", group: "4008155550" },
  demoPort: 7106,
  connector: async () => (await import("./index.js")).createDingxinConnector,
});
