import { Type } from "@sinclair/typebox";
import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { minutes } from "../recovery.js";
import { HUOLIENIAO_CODES } from "./codes.js";
import { huolieniaoRecovery } from "./recovery.js";

/**
 * The account's credentials (../shared/API.md; public-refs §6.1): the query's Username and
 * Password (sent as md5), and the optional channel key of the v1.5 member-card API (§6.4).
 */
export const HuolieniaoCredentials = credentials({
  username: credential({ zh: "用户名 (Username)", en: "Username" }, 64),
  password: secretCredential({ zh: "密码", en: "Password" }),
  memberKey: Type.Optional(secretCredential({ zh: "会员接口渠道密钥", en: "Member API channel key" })),
});

/**
 * No published seat limit: 4 seats is the conservative limit the other vendors share. A lock lives
 * as long as its own AutoUnlockDatetime says (public-refs §6.3's sample: one hour); 10 minutes is
 * assumed only when a reply carries none.
 */
export const huolieniaoCapabilities = capabilities(
  { maxSeatsPerOrder: 4, lockTtlMs: minutes(10) },
  { catalogue: true, seatStatus: true, trade: true, refund: true, printStatus: true },
);

/** 火烈鸟 v1.5: the 2013 national-standard SOAP interface with 火烈鸟's D-extensions, from public references only. */
export const huolieniao = defineSeatVendor({
  id: "huolieniao",
  names: { zh: "火烈鸟 1.5（国标2013）", en: "Huolieniao 1.5 (national standard 2013)" },
  document: "public-refs.md §6 (no vendor document held)",
  credentials: HuolieniaoCredentials,
  capabilities: huolieniaoCapabilities,
  recovery: huolieniaoRecovery,
  codes: codeRows(HUOLIENIAO_CODES, (r) => r),
  support: {
    // doc 000 §三.1 (2): 内部编码=广电编码（…火烈鸟…）.
    internalCodeIsNational: true,
    // doc 000 §四.2 <2> (6): 火烈鸟影院：针对VC渠道是否属于开售状态.
    noShowtimesFix: {
      zh: "请影院在火烈鸟影院系统中确认场次对我方渠道处于「开售」状态；未对我方渠道开售的场次不会出现在接口中。",
      en: "Ask the cinema to check in its 火烈鸟 system that the showtimes are open for sale (开售) to our channel; showtimes not on sale to our channel are not returned by the interface.",
    },
    notOnSaleFix: {
      zh: "场次价格无法读取或标准价低于最低价（LowestPrice）：请影院在火烈鸟系统核对该场次的标准价和最低价。",
      en: "The showtime's price could not be read or its standard price is below its floor (LowestPrice): ask the cinema to check the standard and lowest price of the showtime in its 火烈鸟 system.",
    },
  },
  // doc 000 §二.6: 400 电话 and 问题交流群.
  contact: { phone: "0775-82888020", group: "372488428" },
  demoPort: 7109,
  connector: async () => (await import("./index.js")).createHuolieniaoConnector,
});
