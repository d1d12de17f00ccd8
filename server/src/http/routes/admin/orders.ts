import type { FastifyInstance } from "fastify";
import type { AdminRouteDeps } from "./deps.js";

/** Admin API for order search, the order page and its repair actions. */
export async function adminOrderRoutes(_app: FastifyInstance, _deps: AdminRouteDeps): Promise<void> {}
