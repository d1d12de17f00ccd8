import { yunzhi } from "../../../src/vendors/yunzhi/descriptor.js";
import { createYunzhiConnector } from "../../../src/vendors/yunzhi/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: yunzhi,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createYunzhiConnector({ baseUrl, accountId: "contract-yunzhi", credentials, clock, recorder, timeoutMs: 5_000 }),
});
