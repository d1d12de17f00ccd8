import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** The 灵动创展 voucher (doc 004) simulator: it owns no cinemas, its vouchers are valid at the others'. */
export const lingdongSimulator = defineSimulator({
  id: "lingdong",
  demoPort: 7104,
  demoAccount: {
    partnerId: env.SIM_LINGDONG_PARTNER_ID ?? "10001",
    secId: env.SIM_LINGDONG_SEC_ID ?? "sec001",
    busId: env.SIM_LINGDONG_BUS_ID ?? "bus001",
    md5Key: env.SIM_LINGDONG_MD5_KEY ?? "lingdong-demo-md5key",
  },
  load: async () => (await import("./index.js")).createLingdongSimulator,
});
