import { Type } from "@sinclair/typebox";
import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { HANDBOOK } from "../directory.js";
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

/**
 * 凤凰佳影 / 粤科 电影云 partner API (doc 002). The console calls it "火凤凰 / 凤凰佳影（云）": doc 000's
 * 火凤凰 is 凤凰佳影's cinema system, which public hubs reach through this cloud API (public-refs §1),
 * so support finds the handbook's 火凤凰 quirks here. The older direct asmx protocol is `huofenghuang`.
 */
export const ykse = defineSeatVendor({
  id: "ykse",
  names: { zh: "火凤凰 / 凤凰佳影（云）", en: "Huofenghuang / Phoenix Jiaying (cloud, ykse)" },
  document: "002_02500b8733107f0a.txt",
  documents: [
    { file: "002_02500b8733107f0a.txt" },
    { file: HANDBOOK, section: "§二.6, §三.2, §四.2 (火凤凰)" },
    { file: "public-refs.md", section: "§1 (火凤凰)" },
  ],
  credentials: YkseCredentials,
  capabilities: ykseCapabilities,
  recovery: ykseRecoveryPolicy,
  codes: [
    ...codeRows(SYSTEM_CODES, (e) => ({ meaning: e.message, standard: e.standard }), "retCode "),
    ...codeRows(BUSINESS_CODES, (e) => ({ meaning: e.message, standard: e.standard }), "bizCode "),
  ],
  support: {
    // Our data set and the connector read `cinemaLinkId` as the national code's twin. Doc 000 §三.1
    // lists 火凤凰 under 内部编码≠广电编码; whether that holds for the cloud API's cinemaLinkId is not
    // known (doc 002 does not say), so the flag is left as it was — see docs/vendors/ykse.md.
    internalCodeIsNational: true,
    // doc 000 §四.2 (4), 火凤凰: "是否针对VC渠道进行定价（渠道市场价），是否勾选VC渠道".
    noShowtimesFix: {
      zh: "火凤凰影院：请影院在售票系统的排期管理中：1) 为场次勾选我方（VC）渠道；2) 为我方渠道定价（渠道市场价）。保存后等待同步到网售中心（通常几分钟），再点「立即同步」。火凤凰的排期 Id 在影院信息-排期管理中查看。",
      en: "火凤凰 cinema: ask the cinema, in its ticketing system's schedule management, to 1) tick our (VC) channel for the showtimes and 2) set a price for our channel (channel market price). After saving, wait for the sync to the online-sales centre (usually a few minutes), then press “Sync now”. 火凤凰's schedule id is shown under cinema info → schedule management.",
    },
    // doc 000 §三.2 (1) <1>, <4>: minimum recharge; member discount by rate (on the schedule's door price) or a fixed price.
    notOnSaleFix: {
      zh: "这些场次在系统商处为「未开售」或没有我方渠道价格：请影院为我方（VC）渠道设置渠道价格并把场次设为开售。会员卡：火凤凰的卡有最小充值额；卡折扣分折扣率（按排期门市价计算）和一口价两种。",
      en: "The vendor reports these showtimes as not on sale, or without a price for our (VC) channel: ask the cinema to set a channel price for us and put the showtimes on sale. Member cards: 火凤凰 cards have a minimum recharge; card discounts are either a rate (on the schedule's door price) or a fixed price.",
    },
  },
  // doc 000 §二.6 lists 火凤凰's 400 line (no group); 火凤凰 is 凤凰佳影's cinema system (see above).
  contact: { phone: "400 8259 220" },
  demoPort: 7101,
  connector: async () => (await import("./index.js")).createYkseConnector,
});
