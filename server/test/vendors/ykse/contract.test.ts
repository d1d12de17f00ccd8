import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createYkseConnector } from "../../../src/vendors/ykse/index.js";
import { runConnectorContract } from "../../contract/connector-contract.js";

runConnectorContract({
  vendor: "ykse",
  makeConnector: (baseUrl, clock) =>
    createYkseConnector({
      baseUrl,
      accountId: "contract-ykse",
      credentials: { ...demoAccounts.ykse },
      clock,
      recorder: new RingCallRecorder(500),
      timeoutMs: 5_000,
    }),
});
