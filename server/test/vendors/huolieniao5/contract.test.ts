import { huolieniao5 } from "../../../src/vendors/huolieniao5/descriptor.js";
import { createHuolieniao5Connector } from "../../../src/vendors/huolieniao5/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: huolieniao5,
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
