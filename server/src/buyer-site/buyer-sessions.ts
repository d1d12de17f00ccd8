import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/database.js";
import { randomToken } from "../security/ids.js";
import type { SecretBox } from "../security/secret-box.js";

/** A buyer stays signed in for a week: WeChat re-authorises silently (snsapi_base) when it lapses. */
export const BUYER_SESSION_TTL_MS = 7 * 24 * 60 * 60_000;
/** A WeChat OAuth round trip must come back within this (WeChat's own code lives 5 minutes). */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;
export const BUYER_COOKIE = "cg_buyer";

export interface BuyerSession {
  cinemaId: string;
  openid: string;
  /** HMAC of the openid: what orders are filed under, so the table holds no openid in clear. */
  openidKey: string;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * Buyer sessions and OAuth states in PostgreSQL (any API node knows them). The browser holds an
 * opaque token in a signed HttpOnly cookie; only its hash is stored, and the openid is sealed.
 */
export class BuyerSessions {
  private readonly cookieKey: Buffer;
  private readonly openidHmacKey: Buffer;

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly now: () => number,
  ) {
    this.cookieKey = box.derive("buyer-cookie");
    this.openidHmacKey = box.derive("buyer-openid");
  }

  openidKey(cinemaId: string, openid: string): string {
    return createHmac("sha256", this.openidHmacKey).update(`${cinemaId}\n${openid}`).digest("base64url");
  }

  private sign(token: string): string {
    return createHmac("sha256", this.cookieKey).update(token).digest("base64url");
  }

  /** The cookie value of a token: `token.signature`. */
  cookieValue(token: string): string {
    return `${token}.${this.sign(token)}`;
  }

  /** The token of a cookie whose signature is ours, else undefined. */
  tokenOf(cookie: string | undefined): string | undefined {
    if (!cookie || cookie.length > 200) return undefined;
    const dot = cookie.lastIndexOf(".");
    if (dot <= 0) return undefined;
    const token = cookie.slice(0, dot);
    const given = Buffer.from(cookie.slice(dot + 1));
    const expected = Buffer.from(this.sign(token));
    return given.length === expected.length && timingSafeEqual(given, expected) ? token : undefined;
  }

  /** A new OAuth `state` for this cinema: random, remembered (hashed) with where to return. */
  async newState(cinemaId: string, returnPath: string): Promise<string> {
    const state = randomToken(24).replace(/[^A-Za-z0-9]/g, "x");
    const now = this.now();
    await this.db.deleteFrom("buyer_oauth_states").where("expires_at", "<=", new Date(now)).execute();
    await this.db
      .insertInto("buyer_oauth_states")
      .values({
        state_hash: sha256(state),
        cinema_id: cinemaId,
        return_path: returnPath,
        expires_at: new Date(now + OAUTH_STATE_TTL_MS),
      })
      .execute();
    return state;
  }

  /** Takes a state once: its return path when it is ours, for this cinema and unexpired; else undefined. */
  async takeState(cinemaId: string, state: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9]{1,128}$/.test(state)) return undefined;
    const row = await this.db
      .deleteFrom("buyer_oauth_states")
      .where("state_hash", "=", sha256(state))
      .returningAll()
      .executeTakeFirst();
    if (!row || row.cinema_id !== cinemaId || row.expires_at.getTime() <= this.now()) return undefined;
    return row.return_path;
  }

  /** Starts a session for the openid WeChat vouched for; the token for the cookie. */
  async create(cinemaId: string, openid: string): Promise<string> {
    const token = randomToken(32);
    await this.db
      .insertInto("buyer_sessions")
      .values({
        token_hash: sha256(token),
        cinema_id: cinemaId,
        openid_sealed: this.box.seal(openid),
        openid_key: this.openidKey(cinemaId, openid),
        expires_at: new Date(this.now() + BUYER_SESSION_TTL_MS),
      })
      .execute();
    return token;
  }

  /** The session behind a cookie, for this cinema only. */
  async lookup(cinemaId: string, cookie: string | undefined): Promise<BuyerSession | undefined> {
    const token = this.tokenOf(cookie);
    if (!token) return undefined;
    const row = await this.db
      .selectFrom("buyer_sessions")
      .selectAll()
      .where("token_hash", "=", sha256(token))
      .executeTakeFirst();
    if (!row || row.cinema_id !== cinemaId || row.expires_at.getTime() <= this.now()) return undefined;
    return { cinemaId, openid: this.box.open(row.openid_sealed), openidKey: row.openid_key };
  }
}
