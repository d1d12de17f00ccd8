import { createServer, type Server } from "node:http";
import { afterAll, beforeAll } from "vitest";
import { closeLoopback, listenOnLoopback } from "./loopback.js";

export interface RawAnswer {
  status?: number;
  contentType?: string;
  body: string | Buffer;
}

export interface SeenRequest {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A loopback HTTP server that answers every request, whatever its path, with the canned body of the
 * moment — exact bytes, so tests can send HTML pages, broken XML and GBK-encoded answers — and
 * remembers what it was sent. For a server answering each path with its own body, see
 * `vendors/moviefan/canned-server.ts`.
 */
export class RawServer {
  readonly seen: SeenRequest[] = [];
  private answer: (req: SeenRequest) => RawAnswer = () => ({ status: 404, body: "" });
  private server?: Server;
  url = "";

  answerWith(fn: RawAnswer | ((req: SeenRequest) => RawAnswer)): void {
    this.answer = typeof fn === "function" ? fn : () => fn;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const seen = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
        this.seen.push(seen);
        const a = this.answer(seen);
        res.writeHead(a.status ?? 200, { "content-type": a.contentType ?? "text/xml; charset=utf-8" }).end(a.body);
      });
    });
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async close(): Promise<void> {
    await closeLoopback(this.server);
  }
}

/**
 * One RawServer for the test file (or `describe` block) that calls this: listening before its first
 * test, closed after its last. Its `url` is read inside the tests, once it is listening.
 */
export function useRawServer(): RawServer {
  const server = new RawServer();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(() => server.close());
  return server;
}
