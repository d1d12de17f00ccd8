import { Type } from "@sinclair/typebox";
import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { minutes } from "../recovery.js";
import { BUSINESS_CODES, SYSTEM_CODES } from "./codes.js";
import { ykseRecoveryPolicy } from "./recovery.js";

/** The account's credentials (doc 002 §1.2 public parameters, §3 card-password key). */
export const YkseCredentials = credentials({
  channelCode: credential({ zh: "渠道编码", en: "Channel code" }),
  secret: secretCredential({ zh: "签名密钥", en: "Signing secret" }),
  cardKey: Type.Optional(secretCredential({ zh: "会员卡密码加密密钥（AES）", en: "Card-password key (AES)" })),
});

/**
 * Seats per order, §5.1: "每次允许锁座的数量取决于影院地面系统" — the ground system decides; 6 is the
 * usual setting and OVER_MAX_TICKET maps the rest. The document states no lock lifetime: DESIGN.md's default.
 */
export const ykseCapabilities = capabilities(
  { maxSeatsPerOrder: 6, lockTtlMs: minutes(15) },
  {
    listCinemas: true,
    catalogue: true,
    seatStatus: true,
    trade: true,
    refund: true,
    reverse: true,
    printStatus: true,
    concessions: true,
    memberCards: true,
  },
);

/** 凤凰佳影 / 粤科 电影云 partner API (doc 002). */
export const ykse = defineSeatVendor({
  id: "ykse",
  names: { zh: "凤凰佳影 / 粤科电影云", en: "ykse (Phoenix / Yueke cloud)" },
  document: "002_02500b8733107f0a.txt",
  credentials: YkseCredentials,
  capabilities: ykseCapabilities,
  recovery: ykseRecoveryPolicy,
  codes: [
    ...codeRows(SYSTEM_CODES, (e) => ({ meaning: e.message, standard: e.standard }), "retCode "),
    ...codeRows(BUSINESS_CODES, (e) => ({ meaning: e.message, standard: e.standard }), "bizCode "),
  ],
  support: {
    // Our data set and the connector read `cinemaLinkId` as the national code's twin; doc 000 §三.1
    // does not name ykse in either list.
    internalCodeIsNational: true,
    noShowtimesFix: {
      zh: "请影院在售票系统的排期管理中：1) 为场次勾选开放我方渠道；2) 为我方渠道设置渠道价格（渠道市场价）。保存后等待同步到网售中心（通常几分钟），再点「立即同步」。",
      en: "Ask the cinema, in its ticketing system's schedule management, to 1) open the showtimes to our channel and 2) set a price for our channel (channel market price). After saving, wait for the sync to the online-sales centre (usually a few minutes), then press “Sync now”.",
    },
    notOnSaleFix: {
      zh: "这些场次在系统商处为「未开售」或没有我方渠道价格：请影院为我方渠道设置渠道价格并把场次设为开售。",
      en: "The vendor reports these showtimes as not on sale, or without a price for our channel: ask the cinema to set a channel price for us and put the showtimes on sale.",
    },
  },
  // doc 000 §二.6 lists no 400 number or group under this vendor's names (凤凰佳影 / 粤科); the 火凤凰
  // line there belongs to a system public-refs.md ties to ykse only through labels it calls unreliable.
  contact: undefined,
  demoPort: 7101,
  connector: async () => (await import("./index.js")).createYkseConnector,
});
