import type { ColumnType, Generated } from "kysely";

/** Typed view of the database for Kysely. One interface per table, in migration order. */
export interface Database {
  channels: ChannelsTable;
  request_nonces: RequestNoncesTable;
  console_users: ConsoleUsersTable;
  console_sessions: ConsoleSessionsTable;
  audit_log: AuditLogTable;
}

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface ChannelsTable {
  id: string;
  code: string;
  name: string;
  /** AES-256-GCM sealed secret (see security/secret-box.ts). */
  secret_enc: string;
  webhook_url: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RequestNoncesTable {
  channel_id: string;
  nonce: string;
  expires_at: Date;
}

export type ConsoleRole = "admin" | "support" | "cinema_operator";

export interface ConsoleUsersTable {
  id: string;
  username: string;
  /** argon2id hash; never the password. */
  password_hash: string;
  role: ConsoleRole;
  /** For cinema operators: the cinemas they may see. */
  cinema_ids: ColumnType<string[], string[] | undefined, string[]>;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ConsoleSessionsTable {
  /** sha256 of the session token; the token itself lives only in the cookie. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  expires_at: Date;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  actor: string;
  action: string;
  target: string | null;
  detail: ColumnType<unknown, string | undefined, never>;
  at: CreatedAt;
}
