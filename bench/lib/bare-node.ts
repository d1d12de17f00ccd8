import { readFileSync } from "node:fs";
import Fastify from "fastify";
import { serveCommands, startFailed } from "./child.js";

/**
 * The baseline of B1: a bare Fastify route on the same path answering a fixed JSON body (the real
 * endpoint's answer, captured by the parent), without auth, database, validation or logging.
 */
async function main() {
  const body: unknown = JSON.parse(readFileSync(process.env.BENCH_BARE_BODY_FILE ?? "", "utf8"));
  const app = Fastify({ logger: false });
  app.get("/v1/cinemas/:id/showtimes", async () => body);
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  serveCommands(url, {
    stats: async () => ({ rss: process.memoryUsage().rss }),
    stop: async () => {
      await app.close();
      return true;
    },
  });
}

main().catch(startFailed);
