import { mantianxingSimulator } from "../../../../simulators/src/mantianxing/descriptor.js";
import { mantianxing } from "../../../src/vendors/mantianxing/descriptor.js";
import { createMantianxingConnector } from "../../../src/vendors/mantianxing/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// The simulator is passed in, so the suite runs before the vendor is registered in the two lists.
runConnectorContract({
  vendor: mantianxing,
  simulator: mantianxingSimulator,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createMantianxingConnector({
      baseUrl,
      accountId: "contract-mantianxing",
      credentials,
      clock,
      recorder,
      timeoutMs: 5_000,
    }),
});
