import { dingxin } from "../../../src/vendors/dingxin/descriptor.js";
import { createDingxinConnector } from "../../../src/vendors/dingxin/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: dingxin,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createDingxinConnector({ baseUrl, accountId: "contract-dingxin", credentials, clock, recorder, timeoutMs: 5_000 }),
});
