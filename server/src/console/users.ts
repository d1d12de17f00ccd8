import type { Db } from "../db/database.js";
import type { ConsoleRole } from "../db/schema.js";
import { newId, randomToken } from "../security/ids.js";
import { hashPassword, verifyPassword } from "./password-hash.js";
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_PATTERN } from "./roles.js";

export interface ConsoleUser {
  id: string;
  username: string;
  role: ConsoleRole;
  /** Only meaningful for cinema operators; empty for the other roles (they see every cinema). */
  cinemaIds: string[];
  disabled: boolean;
  createdAt: Date;
}

export interface NewConsoleUser {
  username: string;
  role: ConsoleRole;
  cinemaIds?: string[];
  /** Omitted → a random one is generated and returned once. */
  password?: string;
}

/** A rule about users was broken; routes turn it into 400/409 and the CLI prints it. */
export class ConsoleUserError extends Error {
  constructor(
    readonly kind: "invalid" | "taken" | "not_found",
    message: string,
  ) {
    super(message);
  }
}

/** Verified against when the username is unknown, so response time does not reveal which users exist. */
let dummyHash: Promise<string> | undefined;

export function generatePassword(): string {
  return randomToken(12);
}

export function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    throw new ConsoleUserError("invalid", `password must be ${PASSWORD_MIN}-${PASSWORD_MAX} characters`);
}

function checkScope(role: ConsoleRole, cinemaIds: string[]): void {
  if (role === "cinema_operator" && cinemaIds.length === 0)
    throw new ConsoleUserError("invalid", "a cinema operator needs at least one cinema id");
  if (role !== "cinema_operator" && cinemaIds.length > 0)
    throw new ConsoleUserError("invalid", `role ${role} sees every cinema; cinema ids apply to cinema_operator only`);
}

type Row = {
  id: string;
  username: string;
  role: ConsoleRole;
  cinema_ids: string[];
  disabled: boolean;
  created_at: Date;
};

function toUser(r: Row): ConsoleUser {
  return {
    id: r.id,
    username: r.username,
    role: r.role,
    cinemaIds: r.cinema_ids,
    disabled: r.disabled,
    createdAt: r.created_at,
  };
}

const PUBLIC_COLUMNS = ["id", "username", "role", "cinema_ids", "disabled", "created_at"] as const;

/** Console users: creation, password hashing and verification, disabling. Hashes never leave this class. */
export class ConsoleUsers {
  constructor(private readonly db: Db) {}

  async create(input: NewConsoleUser): Promise<{ user: ConsoleUser; generatedPassword?: string }> {
    const username = input.username.trim().toLowerCase();
    if (!new RegExp(USERNAME_PATTERN).test(username))
      throw new ConsoleUserError("invalid", "username must be 3-32 characters of a-z 0-9 . _ -");
    const cinemaIds = [...new Set(input.cinemaIds ?? [])];
    checkScope(input.role, cinemaIds);
    const generatedPassword = input.password === undefined ? generatePassword() : undefined;
    const password = input.password ?? generatedPassword!;
    checkPassword(password);
    const row = await this.db
      .insertInto("console_users")
      .values({
        id: newId("usr"),
        username,
        password_hash: await hashPassword(password),
        role: input.role,
        cinema_ids: cinemaIds,
      })
      .onConflict((oc) => oc.column("username").doNothing())
      .returning(PUBLIC_COLUMNS)
      .executeTakeFirst();
    if (!row) throw new ConsoleUserError("taken", `username ${username} is taken`);
    return { user: toUser(row), generatedPassword };
  }

  async list(): Promise<ConsoleUser[]> {
    const rows = await this.db.selectFrom("console_users").select(PUBLIC_COLUMNS).orderBy("username").execute();
    return rows.map(toUser);
  }

  async get(id: string): Promise<ConsoleUser | undefined> {
    const row = await this.db
      .selectFrom("console_users")
      .select(PUBLIC_COLUMNS)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && toUser(row);
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom("console_users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The active user when the password matches; undefined otherwise (unknown, disabled or wrong alike). */
  async verify(username: string, password: string): Promise<ConsoleUser | undefined> {
    const row = await this.db
      .selectFrom("console_users")
      .select([...PUBLIC_COLUMNS, "password_hash"])
      .where("username", "=", username.trim().toLowerCase())
      .executeTakeFirst();
    if (password.length > PASSWORD_MAX) return undefined;
    dummyHash ??= hashPassword(generatePassword());
    const hash = row?.password_hash ?? (await dummyHash);
    const ok = await verifyPassword(hash, password);
    return ok && row && !row.disabled ? toUser(row) : undefined;
  }

  /** Sets a new password (given or generated) and ends the user's sessions, so the old one stops working. */
  async resetPassword(id: string, password?: string): Promise<{ generatedPassword?: string }> {
    const generatedPassword = password === undefined ? generatePassword() : undefined;
    const next = password ?? generatedPassword!;
    checkPassword(next);
    const hash = await hashPassword(next);
    await this.db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable("console_users")
        .set({ password_hash: hash })
        .where("id", "=", id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new ConsoleUserError("not_found", `no console user ${id}`);
      await tx.deleteFrom("console_sessions").where("user_id", "=", id).execute();
    });
    return { generatedPassword };
  }

  /** Disabling also ends every session of the user at once; enabling does not restore them. */
  async setDisabled(id: string, disabled: boolean): Promise<ConsoleUser> {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable("console_users")
        .set({ disabled })
        .where("id", "=", id)
        .returning(PUBLIC_COLUMNS)
        .executeTakeFirst();
      if (!row) throw new ConsoleUserError("not_found", `no console user ${id}`);
      if (disabled) await tx.deleteFrom("console_sessions").where("user_id", "=", id).execute();
      return toUser(row);
    });
  }
}
