import { defineConfig } from "vitest/config";

// Two projects: the simulators need no database; the server tests share one embedded PostgreSQL
// cluster started once per run by the global setup (each test file gets a fresh database).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "simulators",
          include: ["simulators/test/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "server",
          include: ["server/test/**/*.test.ts"],
          globalSetup: ["server/test/global-setup.ts"],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
