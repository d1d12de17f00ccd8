import type { FastifyInstance } from "fastify";
import type { AdminRouteDeps } from "./deps.js";

/** Admin API for the console's operations views: home, cinema list and page, sync health, vendor query, diagnosis. */
export async function adminOperationsRoutes(_app: FastifyInstance, _deps: AdminRouteDeps): Promise<void> {}
