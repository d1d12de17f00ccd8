import { defineConfig } from "vitest/config";

// Two projects: the simulators need no database; the server tests share one embedded PostgreSQL
// cluster started once per run by the global setup (each test file gets a fresh database).
// expect.poll waits up to 10 s (vitest's default is 1 s): on a loaded 2-core CI machine a
// console page can take longer than a second to show what it will show.
const expect = { poll: { timeout: 10_000 } };
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "simulators",
          include: ["simulators/test/**/*.test.ts"],
          testTimeout: 20_000,
          expect,
        },
      },
      {
        test: {
          name: "server",
          include: ["server/test/**/*.test.ts"],
          globalSetup: ["server/test/global-setup.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
          expect,
        },
      },
    ],
  },
});
