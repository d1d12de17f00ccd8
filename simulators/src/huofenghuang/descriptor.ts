import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/** 火凤凰 direct asmx ("BOM" protocol): written from public-refs §5 alone — we hold no vendor document. */
export const huofenghuangSimulator = defineSimulator({
  ...simulatorHead("huofenghuang", 7112, { userId: "CINEGATE", userPass: "hfh-demo-pass" }),
  // doc 000 §三.1: 火凤凰's internal code is not the national code — its cinemaLinkId (e.g. 999, 1781).
  cinemas: cinemaCodes.numberedFrom(1781),
  calls: { lock: "webLockSeat", confirm: "fixCashOrder" },
  load: async () => (await import("./index.js")).createHuofenghuangSimulator,
});
