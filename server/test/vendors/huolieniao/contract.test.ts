import { huolieniaoSimulator } from "../../../../simulators/src/huolieniao/descriptor.js";
import { huolieniao } from "../../../src/vendors/huolieniao/descriptor.js";
import { createHuolieniaoConnector } from "../../../src/vendors/huolieniao/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// The simulator is passed in, so the suite runs before the vendor is registered in the two lists.
runConnectorContract({
  vendor: huolieniao,
  simulator: huolieniaoSimulator,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createHuolieniaoConnector({
      baseUrl,
      accountId: "contract-huolieniao",
      credentials,
      clock,
      recorder,
      timeoutMs: 5_000,
    }),
});
