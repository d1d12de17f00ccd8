import { huofenghuang } from "../../../src/vendors/huofenghuang/descriptor.js";
import { createHuofenghuangConnector } from "../../../src/vendors/huofenghuang/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: huofenghuang,
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
