import { huolieniao } from "../../../src/vendors/huolieniao/descriptor.js";
import { createHuolieniaoConnector } from "../../../src/vendors/huolieniao/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: huolieniao,
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
