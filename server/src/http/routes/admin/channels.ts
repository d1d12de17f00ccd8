import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { CHANNEL_CODE_PATTERN, ChannelCodeTakenError, type ChannelStore } from "../../../channels/channels.js";
import type { AuditLog } from "../../../security/audit.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";

const CreateChannel = Type.Object(
  {
    code: Type.String({ pattern: CHANNEL_CODE_PATTERN }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 128 })),
    webhookUrl: Type.Optional(Type.String({ format: "uri", pattern: "^https?://", maxLength: 500 })),
    cinemas: Type.Optional(Type.Array(Type.String(), { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);

/** POST /admin/channels (API.md): the secret is returned once and never again. */
export async function adminChannelRoutes(
  app: FastifyInstance,
  opts: { channels: ChannelStore; audit: AuditLog },
): Promise<void> {
  app.post(
    "/channels",
    { preHandler: requireRole("admin"), schema: { tags: ["admin"], body: CreateChannel } },
    async (req, reply) => {
      const body = req.body as typeof CreateChannel.static;
      try {
        const ch = await opts.channels.create({
          code: body.code,
          name: body.name,
          secret: body.secret,
          webhookUrl: body.webhookUrl,
        });
        await opts.audit.record(req.actor!.id, "channel.create", ch.code, { name: ch.name });
        return reply
          .code(201)
          .send({ id: ch.id, code: ch.code, name: ch.name, webhookUrl: ch.webhookUrl, secret: ch.secret });
      } catch (err) {
        if (err instanceof ChannelCodeTakenError) throw new ApiError("CONFLICT", err.message);
        throw err;
      }
    },
  );
}
