import { __id__Simulator } from "../../../../simulators/src/__id__/descriptor.js";
import { __id__ } from "../../../src/vendors/__id__/descriptor.js";
import { create__Id__Connector } from "../../../src/vendors/__id__/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// The simulator is passed in, so the suite runs before the vendor is registered in the two lists.
runConnectorContract({
  vendor: __id__,
  simulator: __id__Simulator,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    create__Id__Connector({ baseUrl, accountId: "contract-__id__", credentials, clock, recorder, timeoutMs: 5_000 }),
});
