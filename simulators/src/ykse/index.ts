// PLACEHOLDER written by the simulator core so the workspace type-checks; the ykse simulator's owner replaces this file.
import Fastify, { type FastifyInstance } from "fastify";
import type { SimContext } from "../core/context.js";

export async function createYkseSimulator(ctx: SimContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: ctx.logger ?? false });
  app.all("/*", async (_req, reply) => reply.code(501).send({ error: "ykse simulator not implemented yet" }));
  return app;
}
