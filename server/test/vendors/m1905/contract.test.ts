import { m1905Simulator } from "../../../../simulators/src/m1905/descriptor.js";
import { m1905 } from "../../../src/vendors/m1905/descriptor.js";
import { createM1905Connector } from "../../../src/vendors/m1905/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// The simulator is passed in, so the suite runs before the vendor is registered in the two lists.
runConnectorContract({
  vendor: m1905,
  simulator: m1905Simulator,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createM1905Connector({ baseUrl, accountId: "contract-m1905", credentials, clock, recorder, timeoutMs: 5_000 }),
});
