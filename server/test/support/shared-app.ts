import { afterAll, beforeAll } from "vitest";
import { ChannelClient } from "../../src/client/channel-client.js";
import { DEMO_SECRET, startTestApp, type TestApp, type TestAppOptions } from "./app.js";

/** The test app with the demo channel's signed client, on the app's clock. */
export interface SharedTestApp extends TestApp {
  client: ChannelClient;
}

/**
 * The app one test file shares: started in the file's beforeAll and closed in its afterAll. Call it
 * at the file's (or a describe's) top level; its fields are there once beforeAll has run.
 */
export function sharedTestApp(opts: TestAppOptions = {}): SharedTestApp {
  const t = {} as SharedTestApp;
  beforeAll(async () => {
    const app = await startTestApp(opts);
    const client = new ChannelClient({
      baseUrl: app.baseUrl,
      channelCode: "demo",
      secret: DEMO_SECRET,
      now: () => app.clock.now,
    });
    Object.assign(t, app, { client });
  });
  afterAll(async () => {
    await t.close?.();
  });
  return t;
}
