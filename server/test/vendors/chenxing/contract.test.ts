import { chenxing } from "../../../src/vendors/chenxing/descriptor.js";
import { createChenxingConnector } from "../../../src/vendors/chenxing/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: chenxing,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createChenxingConnector({
      baseUrl,
      accountId: "contract-chenxing",
      credentials,
      clock,
      recorder,
      timeoutMs: 5_000,
    }),
});
