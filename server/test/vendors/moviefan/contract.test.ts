import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createMoviefanConnector } from "../../../src/vendors/moviefan/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: "moviefan",
  makeConnector: (baseUrl, clock) =>
    createMoviefanConnector({
      baseUrl,
      accountId: "moviefan-contract",
      credentials: { channelCode: demoAccounts.moviefan.channelCode, secret: demoAccounts.moviefan.secret },
      clock,
      recorder: new RingCallRecorder(500),
      timeoutMs: 5000,
    }),
});
