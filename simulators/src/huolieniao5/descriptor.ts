import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** The huolieniao5 simulator. TODO: the vendor's name and document. */
export const huolieniao5Simulator = defineSimulator({
  id: "huolieniao5",
  demoPort: 7110,
  demoAccount: {
    account: env.SIM_HUOLIENIAO5_ACCOUNT ?? "cinegate",
    secret: env.SIM_HUOLIENIAO5_SECRET ?? "huolieniao5-demo-secret",
  },
  // TODO: the vendor's own cinema code (doc 000 §三: the national code, or its own numbering).
  cinemas: { internalCode: (nationalCode) => nationalCode },
  // TODO: the wire names of its lock and confirm calls, for the chaos run's weather.
  calls: { lock: "lock", confirm: "confirm" },
  load: async () => (await import("./index.js")).createHuolieniao5Simulator,
});
