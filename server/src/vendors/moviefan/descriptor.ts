import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { minutes } from "../recovery.js";
import { returnCodes } from "./codes.js";
import { moviefanRecovery } from "./recovery.js";

/** The account's credentials (doc 001: channelCode and the MD5 signing secret). */
export const MoviefanCredentials = credentials({
  channelCode: credential({ zh: "渠道编码", en: "Channel code" }),
  secret: secretCredential({ zh: "签名密钥", en: "Signing secret" }),
});

/** "每次最多允许锁定4个座位", "锁座有效期15分钟", "不支持退票". */
export const moviefanCapabilities = capabilities(
  { maxSeatsPerOrder: 4, lockTtlMs: minutes(15) },
  { listCinemas: true, catalogue: true, seatStatus: true, trade: true },
);

/** 电影票友 Moviefan channel API (doc 001). */
export const moviefan = defineSeatVendor({
  id: "moviefan",
  names: { zh: "电影票友", en: "Moviefan" },
  document: "001_d7ce714cf679534d.txt",
  credentials: MoviefanCredentials,
  capabilities: moviefanCapabilities,
  recovery: moviefanRecovery,
  codes: codeRows(returnCodes, (r) => ({ meaning: r.meaning, standard: r.code })),
  support: {
    // Our data set: Moviefan numbers cinemas itself and reports no national code (docs/vendors/moviefan.md).
    internalCodeIsNational: false,
    noShowtimesFix: {
      zh: "请影院在电影票友后台查看放映计划，为场次选择开放销售渠道并勾选我方渠道，确认场次已设置票价。保存后点「立即同步」。",
      en: "Ask the cinema to open the screening plan in the Moviefan back office, select our channel among the open sales channels for the showtimes and check the showtimes have ticket prices. Then press “Sync now”.",
    },
    notOnSaleFix: {
      zh: "这些场次在电影票友为「不可售」状态：请影院确认场次已对我方渠道开放销售并已定价。",
      en: "Moviefan marks these showtimes as not for sale: ask the cinema to confirm they are open to our channel and priced.",
    },
  },
  // No contact line: doc 000 §二.6 lists no 400 number or group for 电影票友.
  demoPort: 7103,
  connector: async () => (await import("./index.js")).createMoviefanConnector,
});
