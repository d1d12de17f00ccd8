import type { Db } from "../db/database.js";
import { newId, randomToken } from "../security/ids.js";
import type { SecretBox } from "../security/secret-box.js";
import { type RateLimitColumns, type RateLimits, rateLimitsOf } from "./rate-limits.js";

export interface Channel {
  id: string;
  code: string;
  name: string;
  webhookUrl: string | null;
  active: boolean;
  rateLimits: RateLimits;
}

export interface ChannelWithSecret extends Channel {
  secret: string;
}

export const CHANNEL_CODE_PATTERN = "^[a-z0-9][a-z0-9_-]{1,31}$";

export class ChannelCodeTakenError extends Error {}

/**
 * Sales channels and their signing secrets. Secrets are sealed at rest and decrypted only to
 * verify signatures. Lookups by code are cached briefly per node, because every /v1 request needs
 * one; a rotation on this node invalidates at once, on other nodes within `cacheTtlMs`.
 */
export class ChannelStore {
  private readonly cache = new Map<string, { value: ChannelWithSecret | null; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly cacheTtlMs = 30_000,
  ) {}

  async create(input: {
    code: string;
    name: string;
    secret?: string;
    webhookUrl?: string | null;
  }): Promise<ChannelWithSecret> {
    const secret = input.secret ?? randomToken(32);
    const row = await this.db
      .insertInto("channels")
      .values({
        id: newId("chn"),
        code: input.code,
        name: input.name,
        secret_enc: this.box.seal(secret),
        webhook_url: input.webhookUrl ?? null,
      })
      .onConflict((oc) => oc.column("code").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ChannelCodeTakenError(`channel ${input.code} already exists`);
    this.cache.delete(input.code);
    return { ...toChannel(row), secret };
  }

  /** Replaces the secret; returns the new one (shown once). */
  async rotateSecret(code: string, secret = randomToken(32)): Promise<ChannelWithSecret | null> {
    const row = await this.db
      .updateTable("channels")
      .set({ secret_enc: this.box.seal(secret), updated_at: new Date() })
      .where("code", "=", code)
      .returningAll()
      .executeTakeFirst();
    this.cache.delete(code);
    return row ? { ...toChannel(row), secret } : null;
  }

  async findByCode(code: string, now = Date.now()): Promise<ChannelWithSecret | null> {
    const hit = this.cache.get(code);
    if (hit && hit.until > now) return hit.value;
    const row = await this.db.selectFrom("channels").selectAll().where("code", "=", code).executeTakeFirst();
    const value = row ? { ...toChannel(row), secret: this.box.open(row.secret_enc) } : null;
    this.cache.set(code, { value, until: now + this.cacheTtlMs });
    return value;
  }

  /** Drops this node's cached copy after a change to the channel (other nodes follow within `cacheTtlMs`). */
  forget(code: string): void {
    this.cache.delete(code);
  }

  async list(): Promise<Channel[]> {
    const rows = await this.db.selectFrom("channels").selectAll().orderBy("code").execute();
    return rows.map(toChannel);
  }
}

function toChannel(
  row: {
    id: string;
    code: string;
    name: string;
    webhook_url: string | null;
    active: boolean;
  } & RateLimitColumns,
): Channel {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    webhookUrl: row.webhook_url,
    active: row.active,
    rateLimits: rateLimitsOf(row),
  };
}
