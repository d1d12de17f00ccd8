import { Type } from "@sinclair/typebox";
import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { minutes } from "../recovery.js";
import { VistaCinemaSettingsSchema } from "./cinema-settings.js";
import { VISTA_CODES } from "./codes.js";
import { vistaRecoveryPolicy } from "./recovery.js";

/** The account's credentials (doc 003 §1: the connectapitoken header, the client id and class). */
export const VistaCredentialsSchema = credentials({
  token: secretCredential({ zh: "Connect API 令牌", en: "Connect API token" }, 500),
  clientClass: Type.Optional(credential({ zh: "客户端类别", en: "Client class" })),
  clientId: credential({ zh: "客户端 ID", en: "Client ID" }),
  clientName: Type.Optional(credential({ zh: "客户端名称", en: "Client name" })),
});

/** The defaults; a cinema's settings (lock lifetime, seats per order) may change both limits. */
export const vistaCapabilities = capabilities(
  { maxSeatsPerOrder: 10, lockTtlMs: minutes(15) },
  { listCinemas: true, catalogue: true, seatStatus: true, trade: true, refund: true, printStatus: true },
);

/** VISTA Connect third-party API (China) v4.5.7 (doc 003). */
export const vista = defineSeatVendor({
  id: "vista",
  names: { zh: "VISTA", en: "VISTA Connect" },
  document: "003_2303000ce4a6b022.txt",
  credentials: VistaCredentialsSchema,
  capabilities: vistaCapabilities,
  recovery: vistaRecoveryPolicy,
  // Doc 003 leaves these to each cinema's business notice (stop-selling, ticket types, payment info …).
  cinemaSettings: VistaCinemaSettingsSchema,
  codes: codeRows(VISTA_CODES, (r) => ({ meaning: `${r.name}: ${r.meaning}`, standard: r.error })),
  support: {
    // doc 000 §三.1 <3>: 内部编码≠广电编码 (… VISTA …); the internal code comes in the vendor's onboarding email.
    internalCodeIsNational: false,
    // doc 000 §四.2 <2> (5): 需要设置标准票的票类和"VC"渠道的票类.
    noShowtimesFix: {
      zh: "请影院在 VISTA 中为这些场次设置标准票票类，并为我方渠道（第三方 client class）设置票类、开放第三方销售。保存后点「立即同步」。",
      en: "Ask the cinema to set up, in VISTA, the standard ticket type for these sessions and a ticket type for our channel (the third-party client class), and to open them to third-party sales. Then press “Sync now”.",
    },
    notOnSaleFix: {
      zh: "这些场次没有我方渠道可用的票类（VISTA 的票类按渠道开放）：请影院为我方 client class 添加票类，或在标准票票类中包含我方渠道。",
      en: "These sessions have no ticket type our channel may sell (VISTA opens ticket types per channel): ask the cinema to add a ticket type for our client class, or include our channel in the standard ticket type.",
    },
  },
  // No contact line: doc 000 §二.6 lists no 400 number or group for VISTA.
  demoPort: 7102,
  connector: async () => (await import("./index.js")).createVistaConnector,
});
