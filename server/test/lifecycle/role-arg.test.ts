import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "../../src/config/env.js";
import { roleFromArgs } from "../../src/lifecycle/role-arg.js";
import { startPlatform } from "../../src/platform.js";

describe("choosing a role", () => {
  it("--role and --role= name it; absent leaves CINEGATE_ROLE (default all) in charge", () => {
    expect(roleFromArgs(["--role", "api"])).toBe("api");
    expect(roleFromArgs(["--role=worker"])).toBe("worker");
    expect(roleFromArgs([])).toBeUndefined();
    expect(loadEnv({}).CINEGATE_ROLE).toBe("all");
    expect(loadEnv({ CINEGATE_ROLE: "worker" }).CINEGATE_ROLE).toBe("worker");
  });

  it("an unknown role is refused by name, on the command line and in the environment", () => {
    expect(() => roleFromArgs(["--role", "both"])).toThrow(/--role both: expects one of api, worker, all/);
    expect(() => roleFromArgs(["--role"])).toThrow(ConfigError);
    expect(() => loadEnv({ CINEGATE_ROLE: "both" })).toThrow(/CINEGATE_ROLE="both"/);
    expect(() => loadEnv({ CINEGATE_SHUTDOWN_DEADLINE_MS: "10" })).toThrow(/CINEGATE_SHUTDOWN_DEADLINE_MS/);
  });

  it("a split role without DATABASE_URL stops before starting anything (each would start its own embedded cluster)", async () => {
    await expect(startPlatform(loadEnv({ CINEGATE_ROLE: "api" }))).rejects.toThrow(
      /CINEGATE_ROLE=api: needs DATABASE_URL/,
    );
  });
});
