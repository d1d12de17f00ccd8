import { ConfigError, ROLES, type Role } from "../config/env.js";

/**
 * `--role api|worker|all` (or `--role=…`) from the command line; it wins over CINEGATE_ROLE so one
 * image serves every role with a different command. Undefined when not given.
 */
export function roleFromArgs(argv: readonly string[]): Role | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === "--role" ? argv[i + 1] : arg.startsWith("--role=") ? arg.slice("--role=".length) : undefined;
    if (arg !== "--role" && value === undefined) continue;
    if (!ROLES.includes(value as Role)) {
      throw new ConfigError(`Invalid command line:\n  --role ${value ?? ""}: expects one of ${ROLES.join(", ")}`);
    }
    return value as Role;
  }
  return undefined;
}
