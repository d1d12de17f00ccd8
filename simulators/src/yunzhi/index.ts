import type { FastifyInstance } from "fastify";
import type { SimContext } from "../core/context.js";
import { createYkseSimulator } from "../ykse/index.js";
import { larkGateway } from "./lark.js";

/** 凤凰云智 (ykse lark gateway, public-refs §10): the ykse simulator behind the lark names, own cinemas. */
export const createYunzhiSimulator = (ctx: SimContext): Promise<FastifyInstance> =>
  createYkseSimulator(ctx, larkGateway());
