import { huofenghuangSimulator } from "../../../../simulators/src/huofenghuang/descriptor.js";
import { huofenghuang } from "../../../src/vendors/huofenghuang/descriptor.js";
import { createHuofenghuangConnector } from "../../../src/vendors/huofenghuang/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

// The simulator is passed in, so the suite runs before the vendor is registered in the two lists.
runConnectorContract({
  vendor: huofenghuang,
  simulator: huofenghuangSimulator,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createHuofenghuangConnector({
      baseUrl,
      accountId: "contract-huofenghuang",
      credentials,
      clock,
      recorder,
      timeoutMs: 5_000,
    }),
});
