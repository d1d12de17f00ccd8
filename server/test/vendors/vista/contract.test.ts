import { vista } from "../../../src/vendors/vista/descriptor.js";
import { createVistaConnector } from "../../../src/vendors/vista/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: vista,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createVistaConnector({
      baseUrl,
      accountId: "contract-vista",
      credentials,
      clock,
      recorder,
      timeoutMs: 5_000,
      // The simulated cinemas stop selling 15 minutes before the show (a cinema setting, §2.2 ④).
      settings: { stopSellingMinutes: 15 },
    }),
});
