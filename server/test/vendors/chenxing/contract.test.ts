import { chenxingSimulator } from "../../../../simulators/src/chenxing/descriptor.js";
import { chenxing } from "../../../src/vendors/chenxing/descriptor.js";
import { createChenxingConnector } from "../../../src/vendors/chenxing/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// The simulator is passed in, so the suite runs before the vendor is registered in the two lists.
runConnectorContract({
  vendor: chenxing,
  simulator: chenxingSimulator,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createChenxingConnector({
      baseUrl,
      accountId: "contract-chenxing",
      credentials,
      clock,
      recorder,
      timeoutMs: 5_000,
    }),
});
