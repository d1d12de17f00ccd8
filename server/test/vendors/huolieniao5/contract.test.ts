import { huolieniao5Simulator } from "../../../../simulators/src/huolieniao5/descriptor.js";
import { huolieniao5 } from "../../../src/vendors/huolieniao5/descriptor.js";
import { createHuolieniao5Connector } from "../../../src/vendors/huolieniao5/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// The simulator is passed in, so the suite runs before the vendor is registered in the two lists.
runConnectorContract({
  vendor: huolieniao5,
  simulator: huolieniao5Simulator,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createHuolieniao5Connector({
      baseUrl,
      accountId: "contract-huolieniao5",
      credentials,
      clock,
      recorder,
      timeoutMs: 5_000,
    }),
});
