import { mantianxing } from "../../../src/vendors/mantianxing/descriptor.js";
import { createMantianxingConnector } from "../../../src/vendors/mantianxing/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// Registered in both lists: the suite finds the simulator by id.
runConnectorContract({
  vendor: mantianxing,
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
