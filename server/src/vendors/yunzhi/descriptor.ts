import { codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { HANDBOOK } from "../directory.js";
import { BUSINESS_CODES, SYSTEM_CODES } from "../ykse/codes.js";
import { ykseCapabilities } from "../ykse/descriptor.js";
import { ykseRecoveryPolicy } from "../ykse/recovery.js";
import { LARK_BUSINESS_CODES } from "./lark.js";

/** The lark gateway's credentials: the ykse public parameters (refs §10); no card-password key is known for it. */
export const YunzhiCredentials = credentials({
  channelCode: credential({ zh: "渠道编码", en: "Channel code" }),
  secret: secretCredential({ zh: "签名密钥", en: "Signing secret" }),
});

/**
 * The ykse trade set (the refs show lockSeats on lark; release/confirm/query/refund/reverse/print are
 * the partner calls with the lark prefix, inferred). Concessions and member cards are off: the refs
 * show none of those calls on lark and the gateway's account carries no card-password key.
 */
export const yunzhiCapabilities: typeof ykseCapabilities = {
  ...ykseCapabilities,
  concessions: false,
  memberCards: false,
};

/** 凤凰云智 — the ykse "lark" partner gateway (public-refs.md §10), one implementation with ykse. */
export const yunzhi = defineSeatVendor({
  id: "yunzhi",
  names: { zh: "凤凰云智", en: "Yunzhi (Phoenix cloud, ykse lark gateway)" },
  document: "public-refs.md",
  documents: [
    { file: "public-refs.md", section: "§10" },
    { file: "002_02500b8733107f0a.txt", section: "the ykse protocol it reuses" },
    { file: HANDBOOK, section: "§三.1" },
  ],
  credentials: YunzhiCredentials,
  capabilities: yunzhiCapabilities,
  // Same confirm/reverse/query timetable as ykse (doc 002 §10): the lark calls are the partner's, inferred.
  recovery: ykseRecoveryPolicy,
  codes: [
    ...codeRows(SYSTEM_CODES, (e) => ({ meaning: e.message, standard: e.standard }), "retCode "),
    ...codeRows(BUSINESS_CODES, (e) => ({ meaning: e.message, standard: e.standard }), "bizCode "),
    ...codeRows(LARK_BUSINESS_CODES, (e) => ({ meaning: e.message, standard: e.standard }), "bizCode "),
  ],
  support: {
    // getCinemas lists cinemaLinkId (the gateway's own number) next to cinemaId (the national code).
    internalCodeIsNational: false,
    noShowtimesFix: {
      zh: "凤凰云智与凤凰佳影同源：请影院在售票系统的排期管理中为场次勾选开放我方渠道并设置渠道价格，保存后等待同步到云端，再点「立即同步」。",
      en: "Yunzhi shares Phoenix's ticketing system: ask the cinema, in its schedule management, to open the showtimes to our channel and set our channel price; after saving, wait for the sync to the cloud, then press “Sync now”.",
    },
    notOnSaleFix: {
      zh: "网关返回 SCHEDULE_CLOSE_SALE 或场次未开售：请影院把场次设为开售并为我方渠道设置渠道价格。",
      en: "The gateway answers SCHEDULE_CLOSE_SALE or reports the showtime not on sale: ask the cinema to put it on sale and set a channel price for us.",
    },
  },
  // doc 000 §二.6 names no line for 凤凰云智.
  demoPort: 7111,
  connector: async () => (await import("./index.js")).createYunzhiConnector,
});
