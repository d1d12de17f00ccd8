import {
  type CodeRow,
  capabilities,
  codeRows,
  credential,
  credentials,
  defineSeatVendor,
  secretCredential,
} from "../descriptor.js";
import { minutes } from "../recovery.js";
import { CHENXING_CODES, CHENXING_INNER_CODES } from "./codes.js";
import { chenxingRecovery } from "./recovery.js";

/** The account's credentials (public-refs §3.2: pAppCode and the channel key 验证密钥). */
export const ChenxingCredentials = credentials({
  appCode: credential({ zh: "接入编码 (AppCode)", en: "App code (AppCode)" }, 64),
  verifyKey: secretCredential({ zh: "验证密钥", en: "Verify key" }),
});

/**
 * No published seat limit or lock lifetime: 4 seats is the conservative limit the other vendors
 * share, and a lock lives as long as its own AutoUnlockDatetime / LockLength says (10 minutes
 * assumed only when the answer carries neither).
 */
export const chenxingCapabilities = capabilities(
  { maxSeatsPerOrder: 4, lockTtlMs: minutes(10) },
  { listCinemas: true, catalogue: true, seatStatus: true, trade: true, refund: true, printStatus: true },
);

const codes: CodeRow[] = [
  ...codeRows(CHENXING_CODES, (r) => r),
  ...codeRows(CHENXING_INNER_CODES, (r) => r, "100302/"),
];

/** 辰星 Oristar TSP (SOAP web service), from public references only. */
export const chenxing = defineSeatVendor({
  id: "chenxing",
  names: { zh: "辰星", en: "Oristar TSP (Chenxing)" },
  document: "public-refs.md §3 (no vendor document held)",
  credentials: ChenxingCredentials,
  capabilities: chenxingCapabilities,
  recovery: chenxingRecovery,
  codes,
  support: {
    // doc 000 §三.1 (2): 内部编码=广电编码（晨星…）.
    internalCodeIsNational: true,
    // doc 000 §四.2 <2> (2).
    noShowtimesFix: {
      zh: "请影院在辰星影院本地系统「查看放映计划」中选择开放销售渠道并勾选我方渠道；未勾选的场次不会出现在接口中。",
      en: "Ask the cinema to open “view screening plan” in its local 辰星 system, choose the open sales channels and tick our channel; showtimes without it are not returned by the interface.",
    },
    notOnSaleFix: {
      zh: "场次价格无法读取或低于最低价（LowestPrice）：请影院在辰星本地系统核对该场次的标准价、最低价和增值服务费。",
      en: "The showtime's price could not be read or is below its floor (LowestPrice): ask the cinema to check the standard price, floor and service fee of the showtime in its local 辰星 system.",
    },
  },
  // doc 000 §二.6: 400 电话 and 问题交流群.
  contact: { phone: "400 8108 896", group: "4008108896" },
  demoPort: 7105,
  connector: async () => (await import("./index.js")).createChenxingConnector,
});
