import { defineSimulator, simulatorHead } from "../core/descriptor.js";

/** The 灵动创展 voucher (doc 004) simulator: it owns no cinemas, its vouchers are valid at the others'. */
export const lingdongSimulator = defineSimulator({
  ...simulatorHead("lingdong", 7104, {
    partnerId: "10001",
    secId: "sec001",
    busId: "bus001",
    md5Key: "lingdong-demo-md5key",
  }),
  load: async () => (await import("./index.js")).createLingdongSimulator,
});
