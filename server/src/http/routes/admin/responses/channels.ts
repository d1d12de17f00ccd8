import { type Static, Type } from "@sinclair/typebox";
import { sameShape } from "../../../same-shape.js";
import type { listChannels } from "../channel-cinemas.js";
import { ItemsOf, Nullable } from "./common.js";

/** Response schemas of the channels admin API (routes/admin/channels.ts). */

const Str = Type.String();

export const RateLimit = Type.Object({ perSecond: Type.Integer(), burst: Type.Integer() });

/** The effective limits: `all` always set (the platform default when not configured), the others null when not set. */
export const RateLimits = Type.Object({ all: RateLimit, seatMap: Nullable(RateLimit), create: Nullable(RateLimit) });

export const ChannelView = Type.Object({
  id: Str,
  code: Str,
  name: Str,
  webhookUrl: Nullable(Str),
  active: Type.Boolean(),
  rateLimits: RateLimits,
  cinemas: Type.Array(Type.Object({ id: Str, name: Str })),
  orderCount: Type.Integer(),
  createdAt: Str,
  updatedAt: Str,
});
sameShape<Static<typeof ChannelView>, Awaited<ReturnType<typeof listChannels>>[number]>(true);

export const ChannelList = ItemsOf(ChannelView);

/** The secret is shown here once and never again. */
export const ChannelCreated = Type.Object({
  id: Str,
  code: Str,
  name: Str,
  webhookUrl: Nullable(Str),
  cinemas: Type.Array(Str),
  secret: Str,
});
export const ChannelSecret = Type.Object({ code: Str, secret: Str });
export const ChannelWebhook = Type.Object({ code: Str, webhookUrl: Nullable(Str) });
export const ChannelRateLimits = Type.Object({ code: Str, rateLimits: RateLimits });
export const ChannelCinemas = Type.Object({
  code: Str,
  cinemas: Type.Array(Str),
  added: Type.Array(Str),
  removed: Type.Array(Str),
});
