import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Channel, ChannelStore } from "../../channels/channels.js";
import type { Db } from "../../db/database.js";
import { signaturesEqual, signChannelRequest } from "../../security/channel-signature.js";
import { ApiError } from "../problem.js";
import { NonceClaims } from "./nonce-claims.js";
import { rejectUnparsedBody } from "./raw-json-body.js";

declare module "fastify" {
  interface FastifyRequest {
    channel?: Channel;
  }
}

export const REPLAY_WINDOW_MS = 5 * 60_000;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export interface ChannelAuthOptions {
  db: Db;
  channels: ChannelStore;
  now: () => number;
}

interface AuthHeaders {
  code: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

/**
 * Channel authentication of shared/API.md for every route in the scope it is registered in.
 * Order matters: headers and the timestamp are checked before the body is read (an anonymous
 * client never makes us parse a body), the signature after (it covers the raw bytes), and the
 * nonce is claimed last with an INSERT whose primary key makes a replay fail on every node
 * (batched across concurrent requests by NonceClaims).
 * Call it inside an encapsulated plugin so the hooks cover only that scope.
 */
export function applyChannelAuth(app: FastifyInstance, opts: ChannelAuthOptions): void {
  const nonces = new NonceClaims(opts.db);
  app.addHook("onRequest", async (req) => {
    const h = readHeaders(req);
    const ts = Number(h.timestamp);
    if (!/^\d{1,16}$/.test(h.timestamp) || Math.abs(opts.now() - ts) > REPLAY_WINDOW_MS) {
      throw new ApiError("REPLAYED_REQUEST", "X-Timestamp is outside the 5-minute window of server time");
    }
    if (!NONCE_PATTERN.test(h.nonce)) {
      throw new ApiError("UNAUTHENTICATED", "X-Nonce must be 16-64 characters of [A-Za-z0-9_-]");
    }
  });

  app.addHook("preValidation", async (req) => {
    const h = readHeaders(req);
    const channel = await opts.channels.findByCode(h.code, opts.now());
    if (!channel?.active) throw new ApiError("UNAUTHENTICATED", "unknown or inactive channel");
    const expected = signChannelRequest({
      secret: channel.secret,
      method: req.method,
      pathWithQuery: req.url,
      timestamp: h.timestamp,
      nonce: h.nonce,
      body: req.rawBody ?? "",
    });
    if (!signaturesEqual(expected, h.signature)) throw new ApiError("BAD_SIGNATURE");
    const claimed = await nonces.claim(channel.id, h.nonce, new Date(Number(h.timestamp) + REPLAY_WINDOW_MS));
    if (!claimed) {
      throw new ApiError("REPLAYED_REQUEST", "X-Nonce was already used");
    }
    const { secret: _secret, ...publicChannel } = channel;
    req.channel = publicChannel;
    rejectUnparsedBody(req);
  });
}

function readHeaders(req: FastifyRequest): AuthHeaders {
  const get = (name: string) => {
    const v = req.headers[name];
    return typeof v === "string" ? v : undefined;
  };
  const code = get("x-channel-code");
  const timestamp = get("x-timestamp");
  const nonce = get("x-nonce");
  const signature = get("x-signature");
  if (!code || !timestamp || !nonce || !signature) {
    throw new ApiError("UNAUTHENTICATED", "X-Channel-Code, X-Timestamp, X-Nonce and X-Signature are required");
  }
  return { code, timestamp, nonce, signature };
}

/** Deletes nonces past their window; safe to run on every node (idempotent). */
export async function pruneNonces(db: Db, now: number): Promise<number> {
  const res = await db.deleteFrom("request_nonces").where("expires_at", "<", new Date(now)).executeTakeFirst();
  return Number(res.numDeletedRows);
}
