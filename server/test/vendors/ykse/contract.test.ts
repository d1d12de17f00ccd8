import { ykse } from "../../../src/vendors/ykse/descriptor.js";
import { createYkseConnector } from "../../../src/vendors/ykse/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: ykse,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createYkseConnector({ baseUrl, accountId: "contract-ykse", credentials, clock, recorder, timeoutMs: 5_000 }),
});
