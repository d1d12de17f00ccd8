import { m1905 } from "../../../src/vendors/m1905/descriptor.js";
import { createM1905Connector } from "../../../src/vendors/m1905/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: m1905,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createM1905Connector({ baseUrl, accountId: "contract-m1905", credentials, clock, recorder, timeoutMs: 5_000 }),
});
