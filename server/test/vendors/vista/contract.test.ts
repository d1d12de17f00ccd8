import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createVistaConnector } from "../../../src/vendors/vista/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: "vista",
  makeConnector: (baseUrl, clock) =>
    createVistaConnector({
      baseUrl,
      accountId: "contract-vista",
      credentials: { token: demoAccounts.vista.token, clientId: demoAccounts.vista.clientId },
      clock,
      recorder: new RingCallRecorder(500),
      timeoutMs: 5_000,
      // The simulated cinemas stop selling 15 minutes before the show (a cinema setting, §2.2 ④).
      settings: { stopSellingMinutes: 15 },
    }),
});
