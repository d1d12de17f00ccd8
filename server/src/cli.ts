import path from "node:path";
import { Command } from "commander";
import { ChannelCodeTakenError, ChannelStore } from "./channels/channels.js";
import { ConfigError, loadEnv } from "./config/env.js";
import { promptPassword } from "./console/password-prompt.js";
import { isConsoleRole } from "./console/roles.js";
import { ConsoleUserError, ConsoleUsers } from "./console/users.js";
import { createDb, type Db, migrateToLatest } from "./db/database.js";
import { startEmbeddedPostgres } from "./db/embedded.js";
import { AuditLog } from "./security/audit.js";
import { resolveMasterKey } from "./security/master-key.js";
import { SecretBox } from "./security/secret-box.js";

/**
 * Operator CLI: `npm run cli -- <command>`. Uses DATABASE_URL, or the embedded database under
 * DATA_DIR when unset (stop `npm start` first: one embedded cluster per data directory).
 */
async function withDb<T>(fn: (db: Db, box: SecretBox) => Promise<T>): Promise<T> {
  const env = loadEnv();
  const embedded = env.DATABASE_URL === undefined;
  const pg = embedded ? await startEmbeddedPostgres(path.join(env.DATA_DIR, "pg")) : undefined;
  const db = createDb(env.DATABASE_URL ?? pg!.url, { max: 2 });
  try {
    await migrateToLatest(db);
    const box = new SecretBox(resolveMasterKey({ envKey: env.CINEGATE_MASTER_KEY, embedded, dataDir: env.DATA_DIR }));
    return await fn(db, box);
  } finally {
    await db.destroy();
    await pg?.stop();
  }
}

const program = new Command("cinegate").description("Cinegate operator commands");

program
  .command("migrate")
  .description("apply pending database migrations")
  .action(() =>
    withDb(async () => {
      console.log("migrations up to date");
    }),
  );

const channel = program.command("channel").description("sales channels");
channel
  .command("create <code> <name>")
  .description("create a channel and print its secret (shown once)")
  .option("--webhook <url>", "webhook URL for order updates")
  .action((code: string, name: string, opts: { webhook?: string }) =>
    withDb(async (db, box) => {
      // Audited first: a channel whose audit row cannot be written is not created.
      const created = await new AuditLog(db).run("cli", "channel.create", code, { name }, () =>
        new ChannelStore(db, box).create({ code, name, webhookUrl: opts.webhook }),
      );
      console.log(`channel ${created.code} created (${created.id})\nsecret: ${created.secret}`);
    }),
  );
channel
  .command("rotate-secret <code>")
  .description("replace a channel's secret and print the new one (shown once)")
  .action((code: string) =>
    withDb(async (db, box) => {
      const rotated = await new AuditLog(db).run("cli", "channel.rotate-secret", code, {}, () =>
        new ChannelStore(db, box).rotateSecret(code),
      );
      if (!rotated) throw new UsageError(`no channel with code ${code}`);
      console.log(`channel ${code}: new secret: ${rotated.secret}`);
    }),
  );
channel
  .command("list")
  .description("list channels")
  .action(() =>
    withDb(async (db, box) => {
      for (const c of await new ChannelStore(db, box).list())
        console.log(`${c.code}\t${c.name}\t${c.active ? "active" : "inactive"}`);
    }),
  );

const user = program.command("user").description("console users");
user
  .command("create <username>")
  .description("create a console user; prompts for a password (Enter = generate one, printed once)")
  .requiredOption("--role <role>", "admin | support | cinema_operator")
  .option("--cinemas <ids>", "comma-separated cinema ids (cinema_operator only)")
  .action((username: string, opts: { role: string; cinemas?: string }) => {
    if (!isConsoleRole(opts.role)) throw new UsageError("--role must be admin, support or cinema_operator");
    const role = opts.role;
    const cinemaIds = (opts.cinemas ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return withDb(async (db) => {
      const typed = await promptPassword("password (Enter = generate): ");
      const { user: created, generatedPassword } = await new AuditLog(db).run(
        "cli",
        "user.create",
        username,
        { role, cinemaIds },
        () => new ConsoleUsers(db).create({ username, role, cinemaIds, password: typed === "" ? undefined : typed }),
      );
      console.log(`user ${created.username} created (${created.role})`);
      if (generatedPassword) console.log(`password: ${generatedPassword}  (shown once)`);
    });
  });

class UsageError extends Error {}

program.parseAsync().catch((err) => {
  const known =
    err instanceof ConfigError ||
    err instanceof UsageError ||
    err instanceof ChannelCodeTakenError ||
    err instanceof ConsoleUserError;
  console.error(known ? err.message : err);
  process.exit(1);
});
