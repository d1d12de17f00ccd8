import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { CHANNEL_CODE_PATTERN, ChannelCodeTakenError, type ChannelStore } from "../../../channels/channels.js";
import { DEFAULT_LIMIT, LIMIT_BOUNDS, limitProblems, rateLimitColumns } from "../../../channels/rate-limits.js";
import type { Db } from "../../../db/database.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import {
  assertCinemasExist,
  channelIdByCode,
  listChannels,
  setChannelCinemas,
  setWebhookUrl,
} from "./channel-cinemas.js";
import {
  ChannelCinemas,
  ChannelCreated,
  ChannelList,
  ChannelRateLimits,
  ChannelSecret,
  ChannelWebhook,
} from "./responses/channels.js";
import { AdminErrors, ConflictError } from "./responses/common.js";

const WebhookUrl = Type.String({ format: "uri", pattern: "^https?://", maxLength: 500 });
const CinemaIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10_000 });

const CreateChannel = Type.Object(
  {
    code: Type.String({ pattern: CHANNEL_CODE_PATTERN }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 128 })),
    webhookUrl: Type.Optional(WebhookUrl),
    cinemas: Type.Optional(CinemaIds),
  },
  { additionalProperties: false },
);
const CodeParams = Type.Object({ code: Type.String({ pattern: CHANNEL_CODE_PATTERN }) });
const WebhookBody = Type.Object({ webhookUrl: Type.Union([WebhookUrl, Type.Null()]) }, { additionalProperties: false });
const CinemasBody = Type.Object({ cinemas: CinemaIds }, { additionalProperties: false });
const Limit = Type.Object(
  {
    perSecond: Type.Integer({ minimum: LIMIT_BOUNDS.perSecond.min, maximum: LIMIT_BOUNDS.perSecond.max }),
    burst: Type.Integer({ minimum: LIMIT_BOUNDS.burst.min, maximum: LIMIT_BOUNDS.burst.max }),
  },
  { additionalProperties: false },
);
/** `all: null` restores the platform default; `seatMap`/`create: null` removes the separate limit. */
const RateLimitsBody = Type.Object(
  {
    all: Type.Union([Limit, Type.Null()]),
    seatMap: Type.Union([Limit, Type.Null()]),
    create: Type.Union([Limit, Type.Null()]),
  },
  { additionalProperties: false },
);

/**
 * Sales channels (API.md POST /admin/channels, and the console's channels page). Admins manage
 * them; support staff may read the list (which channel sells which cinema is what they are asked),
 * cinema operators may not see channels at all. A secret is returned once, on create or rotate,
 * and never again.
 */
export async function adminChannelRoutes(
  app: FastifyInstance,
  opts: { channels: ChannelStore; db: Db },
): Promise<void> {
  const { db } = opts;

  app.post(
    "/channels",
    {
      preHandler: requireRole("admin"),
      config: {
        audit: {
          action: "channel.create",
          target: (req) => (req.body as typeof CreateChannel.static).code,
          detail: (req) => {
            const body = req.body as typeof CreateChannel.static;
            return { name: body.name, webhookUrl: body.webhookUrl ?? null, cinemas: [...new Set(body.cinemas ?? [])] };
          },
        },
      },
      schema: {
        tags: ["admin"],
        body: CreateChannel,
        response: { 201: ChannelCreated, ...AdminErrors, ...ConflictError },
      },
    },
    async (req, reply) => {
      const body = req.body as typeof CreateChannel.static;
      const cinemas = [...new Set(body.cinemas ?? [])];
      if (cinemas.length) await assertCinemasExist(db, cinemas);
      try {
        const ch = await opts.channels.create({
          code: body.code,
          name: body.name,
          secret: body.secret,
          webhookUrl: body.webhookUrl,
        });
        if (cinemas.length) await setChannelCinemas(db, ch.id, cinemas);
        return reply
          .code(201)
          .send({ id: ch.id, code: ch.code, name: ch.name, webhookUrl: ch.webhookUrl, cinemas, secret: ch.secret });
      } catch (err) {
        if (err instanceof ChannelCodeTakenError) throw new ApiError("CONFLICT", err.message);
        throw err;
      }
    },
  );

  app.get(
    "/channels",
    {
      preHandler: requireRole("admin", "support"),
      schema: { tags: ["admin"], response: { 200: ChannelList, ...AdminErrors } },
    },
    async () => ({
      items: await listChannels(db),
    }),
  );

  app.post(
    "/channels/:code/rotate-secret",
    {
      preHandler: requireRole("admin"),
      config: { audit: { action: "channel.rotate-secret" } },
      schema: { tags: ["admin"], params: CodeParams, response: { 200: ChannelSecret, ...AdminErrors } },
    },
    async (req) => {
      const { code } = req.params as typeof CodeParams.static;
      const rotated = await opts.channels.rotateSecret(code);
      if (!rotated) throw new ApiError("NOT_FOUND", `channel ${code} not found`);
      return { code, secret: rotated.secret };
    },
  );

  app.put(
    "/channels/:code/webhook",
    {
      preHandler: requireRole("admin"),
      config: {
        audit: { action: "channel.webhook", detail: (req) => ({ ...(req.body as typeof WebhookBody.static) }) },
      },
      schema: {
        tags: ["admin"],
        params: CodeParams,
        body: WebhookBody,
        response: { 200: ChannelWebhook, ...AdminErrors },
      },
    },
    async (req) => {
      const { code } = req.params as typeof CodeParams.static;
      const { webhookUrl } = req.body as typeof WebhookBody.static;
      const id = await channelIdByCode(db, code);
      await setWebhookUrl(db, id, webhookUrl);
      return { code, webhookUrl };
    },
  );

  app.put(
    "/channels/:code/rate-limits",
    {
      preHandler: requireRole("admin"),
      config: {
        audit: { action: "channel.rate-limits", detail: (req) => ({ ...(req.body as typeof RateLimitsBody.static) }) },
      },
      schema: {
        tags: ["admin"],
        params: CodeParams,
        body: RateLimitsBody,
        response: { 200: ChannelRateLimits, ...AdminErrors },
      },
    },
    async (req) => {
      const { code } = req.params as typeof CodeParams.static;
      const body = req.body as typeof RateLimitsBody.static;
      const effective = { ...body, all: body.all ?? DEFAULT_LIMIT };
      const problems = limitProblems(effective);
      if (problems.length)
        throw new ApiError("VALIDATION_FAILED", problems.map((p) => `${p.path}: ${p.message}`).join("; "), {
          errors: problems,
        });
      const id = await channelIdByCode(db, code);
      await db
        .updateTable("channels")
        .set({ ...rateLimitColumns(body), updated_at: new Date() })
        .where("id", "=", id)
        .execute();
      opts.channels.forget(code);
      return { code, rateLimits: effective };
    },
  );

  app.put(
    "/channels/:code/cinemas",
    {
      preHandler: requireRole("admin"),
      config: { audit: { action: "channel.cinemas" } },
      schema: {
        tags: ["admin"],
        params: CodeParams,
        body: CinemasBody,
        response: { 200: ChannelCinemas, ...AdminErrors },
      },
    },
    async (req) => {
      const { code } = req.params as typeof CodeParams.static;
      const { cinemas } = req.body as typeof CinemasBody.static;
      const id = await channelIdByCode(db, code);
      const change = await setChannelCinemas(db, id, cinemas);
      req.audit?.note(change);
      return { code, cinemas: [...new Set(cinemas)], ...change };
    },
  );
}
