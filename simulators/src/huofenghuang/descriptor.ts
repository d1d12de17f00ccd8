import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** 火凤凰 direct asmx ("BOM" protocol): written from public-refs §5 alone — we hold no vendor document. */
export const huofenghuangSimulator = defineSimulator({
  id: "huofenghuang",
  demoPort: 7112,
  demoAccount: {
    userId: env.SIM_HUOFENGHUANG_USER_ID ?? "CINEGATE",
    userPass: env.SIM_HUOFENGHUANG_USER_PASS ?? "hfh-demo-pass",
  },
  // doc 000 §三.1: 火凤凰's internal code is not the national code — its cinemaLinkId (e.g. 999, 1781).
  cinemas: { internalCode: (_national, i) => String(1781 + i) },
  calls: { lock: "webLockSeat", confirm: "fixCashOrder" },
  load: async () => (await import("./index.js")).createHuofenghuangSimulator,
});
