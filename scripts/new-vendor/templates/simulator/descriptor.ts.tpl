import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** The __id__ simulator. TODO: the vendor's name and document. */
export const __id__Simulator = defineSimulator({
  id: "__id__",
  demoPort: __port__,
  demoAccount: {
    account: env.SIM___ID___ACCOUNT ?? "cinegate",
    secret: env.SIM___ID___SECRET ?? "__id__-demo-secret",
  },
  // TODO: the vendor's own cinema code (doc 000 §三: the national code, or its own numbering).
  cinemas: { internalCode: (nationalCode) => nationalCode },
  // TODO: the wire names of its lock and confirm calls, for the chaos run's weather.
  calls: { lock: "lock", confirm: "confirm" },
  load: async () => (await import("./index.js")).create__Id__Simulator,
});
