import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { memberBaseUrlCredential } from "../member-host.js";
import { minutes } from "../recovery.js";
import { HUOFENGHUANG_CODES } from "./codes.js";
import { huofenghuangRecovery } from "./recovery.js";

/**
 * The account's credentials (public-refs §5.1; shape fixed by API.md): `userId` and `userPass`, the
 * latter sent in plain text and inside the checkValue string. Member calls are form POSTs to the
 * member service; when its URL is not given they go to the ticketing base URL (as in our demo).
 * The cinema's `cinemaLinkId` is not a credential: it is 火凤凰's internal cinema code (the cinema's
 * vendor id), and `cinemaId` is the national code.
 */
export const HuofenghuangCredentials = credentials({
  userId: credential({ zh: "接口用户 (userId)", en: "API user (userId)" }),
  userPass: secretCredential({ zh: "接口密码 (userPass)", en: "API password (userPass)" }),
  memberBaseUrl: memberBaseUrlCredential(),
});

/**
 * The lock lifetime is ours to ask (`lockMinuteTime`, CEC sends 15, §5.2); the refs show no seat
 * limit per order, so the conservative 4 of the other seat vendors applies.
 */
export const huofenghuangCapabilities = capabilities(
  { maxSeatsPerOrder: 4, lockTtlMs: minutes(15) },
  { listCinemas: true, catalogue: true, seatStatus: true, trade: true, refund: true, printStatus: true },
);

/** 火凤凰 (direct asmx "BOM" protocol, CEC 火凤凰特供 0.6/0.4): no vendor document, public-refs §5. */
export const huofenghuang = defineSeatVendor({
  id: "huofenghuang",
  names: { zh: "火凤凰（asmx 直连）", en: "Huofenghuang (direct asmx)" },
  document: "public-refs.md §5 (no vendor document held)",
  credentials: HuofenghuangCredentials,
  capabilities: huofenghuangCapabilities,
  recovery: huofenghuangRecovery,
  codes: codeRows(HUOFENGHUANG_CODES, (r) => r),
  support: {
    // doc 000 §三.1 (1) <3>: 内部编码≠广电编码（火凤凰…）: the internal code is the cinemaLinkId.
    internalCodeIsNational: false,
    // doc 000 §四.2 <2> (4).
    noShowtimesFix: {
      zh: "火凤凰影院：请影院确认本地系统是否已针对我方（VC）渠道定价（渠道市场价），以及场次是否已勾选 VC 渠道；未定价或未勾选的场次不会出现在接口中。之后点「立即同步」。若接口报「校验串 checkValue 不匹配」，则是接口密码或参数顺序问题，不是排期问题。",
      en: "Huofenghuang cinema: ask the cinema whether its local system prices our (VC) channel (channel market price) and whether the showtimes have the VC channel ticked; showtimes without them are not returned. Then press “Sync now”. If the interface answers “checkValue mismatch”, the password or parameter order is wrong, not the schedule.",
    },
    notOnSaleFix: {
      zh: "火凤凰场次价格无法读取（price/section 的 standard 或 lowest 异常）：请影院核对该场次的渠道市场价与最低价。",
      en: "The showtime's price could not be read (price/section standard or lowest): ask the cinema to check the showtime's channel market price and floor.",
    },
  },
  // doc 000 §二.6: 火凤凰 400 8259 220 (no group listed).
  contact: { phone: "400 8259 220" },
  demoPort: 7112,
  connector: async () => (await import("./index.js")).createHuofenghuangConnector,
});
