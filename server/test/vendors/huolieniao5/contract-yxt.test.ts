import { huolieniao5 } from "../../../src/vendors/huolieniao5/descriptor.js";
import { createHuolieniao5Connector } from "../../../src/vendors/huolieniao5/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// The same contract with the account set to 大地: every call in the YXT shape (public-refs §7.2's
// last column) against the simulator, which accepts both shapes and checks the YXT extras it is sent.
runConnectorContract({
  vendor: huolieniao5,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createHuolieniao5Connector({
      baseUrl,
      accountId: "contract-huolieniao5-dadi",
      credentials: { ...credentials, brand: "dadi" },
      clock,
      recorder,
      timeoutMs: 5_000,
    }),
});
