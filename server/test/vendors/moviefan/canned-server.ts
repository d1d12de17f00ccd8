import { createServer, type IncomingMessage, type Server } from "node:http";
import { closeLoopback, listenOnLoopback } from "../../support/loopback.js";

export interface SeenRequest {
  method: string;
  path: string;
  /** Query string and form body together, decoded. */
  params: Record<string, string>;
  rawQuery: string;
  rawBody: string;
  contentType?: string;
}

/** `body` as bytes for answers in another charset (GBK …). */
export type CannedAnswer = { status?: number; body: string | Buffer; contentType?: string } | "hang";

/**
 * A local HTTP server answering each path with a canned body (the documents' examples) and
 * remembering every request, so tests assert both what was sent and how the answer was read.
 */
export class CannedServer {
  readonly seen: SeenRequest[] = [];
  private readonly answers = new Map<string, CannedAnswer | ((req: SeenRequest) => CannedAnswer)>();
  private server?: Server;
  url = "";

  on(path: string, answer: CannedAnswer | ((req: SeenRequest) => CannedAnswer)): this {
    this.answers.set(path, answer);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const seen = await readRequest(req);
      this.seen.push(seen);
      const found = this.answers.get(seen.path);
      const answer = typeof found === "function" ? found(seen) : found;
      if (answer === "hang") return; // accept and never answer
      if (!answer) {
        res.writeHead(404, { "content-type": "text/html" }).end("<html>404</html>");
        return;
      }
      res
        .writeHead(answer.status ?? 200, { "content-type": answer.contentType ?? "application/json; charset=utf-8" })
        .end(answer.body);
    });
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  last(path: string): SeenRequest {
    const r = [...this.seen].reverse().find((s) => s.path === path);
    if (!r) throw new Error(`no request to ${path}`);
    return r;
  }

  async close(): Promise<void> {
    await closeLoopback(this.server);
  }
}

async function readRequest(req: IncomingMessage): Promise<SeenRequest> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const rawBody = Buffer.concat(chunks).toString("utf8");
  const url = new URL(req.url ?? "/", "http://x");
  const params: Record<string, string> = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  if (/x-www-form-urlencoded/.test(req.headers["content-type"] ?? "")) {
    for (const [k, v] of new URLSearchParams(rawBody)) params[k] = v;
  }
  return {
    method: req.method ?? "",
    path: url.pathname,
    params,
    rawQuery: url.search,
    rawBody,
    contentType: req.headers["content-type"],
  };
}
