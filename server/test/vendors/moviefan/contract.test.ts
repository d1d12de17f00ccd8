import { moviefan } from "../../../src/vendors/moviefan/descriptor.js";
import { createMoviefanConnector } from "../../../src/vendors/moviefan/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: moviefan,
  makeConnector: (baseUrl, clock, { recorder, credentials }) =>
    createMoviefanConnector({
      baseUrl,
      accountId: "moviefan-contract",
      credentials,
      clock,
      recorder,
      timeoutMs: 5000,
    }),
});
