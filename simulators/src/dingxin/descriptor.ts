import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** 鼎新 (Dingxin / 影合众): written from public-refs §4 alone — we hold no vendor document. */
export const dingxinSimulator = defineSimulator({
  id: "dingxin",
  demoPort: 7106,
  demoAccount: {
    pid: env.SIM_DINGXIN_PID ?? "10128",
    authCode: env.SIM_DINGXIN_AUTH_CODE ?? "dingxin-demo-key",
  },
  // doc 000 §三: 鼎新's internal cinema code is not the national code — its own small integer (cid).
  cinemas: { internalCode: (_national, i) => String(201 + i) },
  calls: { lock: "seat/lock", confirm: "seat/lock-buy" },
  load: async () => (await import("./index.js")).createDingxinSimulator,
});
