import { codeRows, credential, credentials, defineVoucherVendor, secretCredential } from "../descriptor.js";
import type { VoucherCapabilities } from "../vouchers.js";
import { resultCodes } from "./codes.js";

/** The account's credentials (doc 004 公共参数: partner_id, sec_id, bus_id; the hashcode MD5 key). */
export const LingdongCredentialsSchema = credentials({
  partnerId: credential({ zh: "合作方 ID（partner_id）", en: "Partner ID (partner_id)" }),
  secId: credential({ zh: "安全 ID（sec_id）", en: "Security ID (sec_id)" }),
  busId: credential({ zh: "业务 ID（bus_id）", en: "Business ID (bus_id)" }),
  md5Key: secretCredential({ zh: "MD5 密钥", en: "MD5 key" }),
});

export const lingdongCapabilities: VoucherCapabilities = {
  buyByCinema: true,
  buyByKind: true,
  status: true,
  ban: true,
  // `num`: doc 004 does not say; our definition, see docs/vendors/lingdong.md.
  maxTicketsPerCard: 10,
};

/**
 * 灵动创展 electronic exchange vouchers (doc 004). It sells vouchers valid at other vendors'
 * cinemas: no cinemas to onboard, no seats, no recovery timetable.
 */
export const lingdong = defineVoucherVendor({
  id: "lingdong",
  names: { zh: "灵动创展（电子兑换券）", en: "Lingdong (exchange vouchers)" },
  document: "004_8d4419e234d89266.txt",
  credentials: LingdongCredentialsSchema,
  capabilities: lingdongCapabilities,
  codes: codeRows(resultCodes, (r) => ({ meaning: r.meaning, standard: r.code })),
  support: {
    // Its cinema ids are the 8-digit national codes (vouchers.ts, VoucherCinema.vendorCinemaId).
    internalCodeIsNational: true,
  },
  // No contact line: doc 000 §二.6 lists no 400 number or group for 灵动创展.
  demoPort: 7104,
  connector: async () => (await import("./index.js")).createLingdongConnector,
});
