import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/** 鼎新 (Dingxin / 影合众): written from public-refs §4 alone — we hold no vendor document. */
export const dingxinSimulator = defineSimulator({
  ...simulatorHead("dingxin", 7106, { pid: "10128", authCode: "dingxin-demo-key" }),
  // doc 000 §三: 鼎新's internal cinema code is not the national code — its own small integer (cid).
  cinemas: cinemaCodes.numberedFrom(201),
  calls: { lock: "seat/lock", confirm: "seat/lock-buy" },
  load: async () => (await import("./index.js")).createDingxinSimulator,
});
