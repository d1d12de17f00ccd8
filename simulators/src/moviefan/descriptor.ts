import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** The 电影票友 Moviefan (doc 001) simulator. */
export const moviefanSimulator = defineSimulator({
  id: "moviefan",
  demoPort: 7103,
  demoAccount: {
    channelCode: env.SIM_MOVIEFAN_CHANNEL_CODE ?? "cinegate",
    secret: env.SIM_MOVIEFAN_SECRET ?? "moviefan-demo-secret",
  },
  // A short numeric id of its own.
  cinemas: { internalCode: (_national, i) => String(1001 + i) },
  calls: { lock: "lockSeats", confirm: "submitOrder" },
  load: async () => (await import("./index.js")).createMoviefanSimulator,
});
