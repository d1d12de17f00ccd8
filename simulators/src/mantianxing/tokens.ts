import { randomBytes } from "node:crypto";
import { Code, MtxError } from "./codes.js";

/** GetToken's TimeOut, seconds (300 in the refs' sample, public-refs §9.2). */
export const TOKEN_TIMEOUT_S = 300;

/**
 * Session tokens: TokenID is sent with each call, Token only enters the verify value. A token
 * expires TimeOut seconds after it was issued, on the simulator clock.
 */
export class TokenStore {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  private seq = 1828;

  constructor(private readonly now: () => number) {}

  issue(): { id: string; token: string } {
    const id = String(++this.seq);
    const token = randomBytes(8).toString("hex");
    this.tokens.set(id, { token, expiresAt: this.now() + TOKEN_TIMEOUT_S * 1000 });
    return { id, token };
  }

  /** The Token for a TokenID, or the vendor's token error. */
  tokenOf(id: string | undefined): string {
    const t = id ? this.tokens.get(id) : undefined;
    if (!t) throw new MtxError(Code.tokenInvalid, "令牌无效");
    if (this.now() >= t.expiresAt) throw new MtxError(Code.tokenExpired, "令牌已过期");
    return t.token;
  }
}
