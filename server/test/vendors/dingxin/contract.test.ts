import { dingxinSimulator } from "../../../../simulators/src/dingxin/descriptor.js";
import { dingxin } from "../../../src/vendors/dingxin/descriptor.js";
import { createDingxinConnector } from "../../../src/vendors/dingxin/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// The simulator is passed in, so the suite runs before the vendor is registered in the two lists.
runConnectorContract({
  vendor: dingxin,
  simulator: dingxinSimulator,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createDingxinConnector({ baseUrl, accountId: "contract-dingxin", credentials, clock, recorder, timeoutMs: 5_000 }),
});
