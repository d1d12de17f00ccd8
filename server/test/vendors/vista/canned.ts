import { createServer, type IncomingMessage, type Server } from "node:http";
import { closeLoopback, listenOnLoopback } from "../../support/loopback.js";

/** A request as the canned VISTA server saw it. */
export interface Seen {
  method: string;
  /** Path without the query string, as sent (case preserved). */
  path: string;
  /** Raw query string after "?", as sent (not decoded). */
  rawQuery: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown> | undefined;
}

export type Answer = { status?: number; json: unknown } | "hang";
type Handler = Answer | ((req: Seen, nth: number) => Answer);

/**
 * A local HTTP server answering each path with the document's example bodies, remembering every
 * request so tests assert both what the connector sent and how it read the answer.
 */
export class CannedVista {
  readonly seen: Seen[] = [];
  private readonly answers = new Map<string, Handler>();
  private server?: Server;
  url = "";

  on(path: string, answer: Handler): this {
    this.answers.set(`/WSVistaWebClient${path}`, answer);
    return this;
  }

  reset(): void {
    this.seen.length = 0;
    this.answers.clear();
  }

  calls(path: string): Seen[] {
    return this.seen.filter((s) => s.path === `/WSVistaWebClient${path}`);
  }

  last(path: string): Seen {
    const r = this.calls(path).at(-1);
    if (!r) throw new Error(`no request to ${path}`);
    return r;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString("utf8");
      const [path = "", rawQuery = ""] = (req.url ?? "").split("?", 2);
      const seen: Seen = {
        method: req.method ?? "",
        path,
        rawQuery,
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      };
      this.seen.push(seen);
      const handler = this.answers.get(path);
      const nth = this.seen.filter((s) => s.path === path).length;
      const answer = typeof handler === "function" ? handler(seen, nth) : handler;
      if (answer === "hang") return;
      if (!answer) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ Message: "No HTTP resource" }));
        return;
      }
      res.writeHead(answer.status ?? 200, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(answer.json));
    });
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async close(): Promise<void> {
    await closeLoopback(this.server);
  }
}
