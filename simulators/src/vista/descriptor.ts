import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** The VISTA Connect (doc 003) simulator. */
export const vistaSimulator = defineSimulator({
  id: "vista",
  demoPort: 7102,
  demoAccount: {
    token: env.SIM_VISTA_TOKEN ?? "vista-demo-connect-token",
    clientId: env.SIM_VISTA_CLIENT_ID ?? "cinegate",
  },
  // A zero-padded 16-digit cinema id of its own (doc 000 §三: VISTA's internal code ≠ national code).
  cinemas: { internalCode: (_national, i) => String(i + 1).padStart(16, "0") },
  calls: { lock: "AddTickets", confirm: "CompleteOrder" },
  load: async () => (await import("./index.js")).createVistaSimulator,
});
