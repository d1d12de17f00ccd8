import { createServer, type Server } from "node:http";
import { gzipSync } from "node:zlib";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createYkseConnector, type YkseConnector } from "../../../src/vendors/ykse/index.js";
import { closeLoopback, listenOnLoopback } from "../../support/loopback.js";

/**
 * A canned ykse endpoint for unit tests: records every request (form parameters, parsed `data`)
 * and answers with the JSON queued for its api (gzip-compressed when asked, as §1.7 allows).
 */
export interface SeenRequest {
  method: string;
  contentType: string;
  params: Record<string, string>;
  data: Record<string, unknown>;
  raw: string;
}

export const CREDENTIALS = {
  channelCode: "CH_TEST",
  secret: "unit-test-secret-987654",
  cardKey: "21218CCA77804D2BA1922C33E0151105",
};
export const NOW = Date.UTC(2016, 0, 14, 4, 0, 0); // 2016-01-14 12:00 Beijing

export class CannedYkse {
  readonly seen: SeenRequest[] = [];
  private readonly answers = new Map<string, unknown[]>();
  private server!: Server;
  url = "";
  recorder = new RingCallRecorder(200);
  clock = { now: () => NOW };
  connector!: YkseConnector;

  /** Queue an answer for an api (used once; the last one sticks). `envelope` wraps a biz payload. */
  answer(api: string, body: unknown): this {
    const list = this.answers.get(api) ?? [];
    list.push(body);
    this.answers.set(api, list);
    return this;
  }

  biz(api: string, biz: Record<string, unknown>): this {
    return this.answer(api, { api, v: "1.0", retCode: "0", retMsg: "success", data: biz });
  }

  ok(api: string, data: unknown): this {
    return this.biz(api, { bizCode: "SUCCESS", bizMsg: "操作成功", data });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const params = Object.fromEntries(new URLSearchParams(raw));
        this.seen.push({
          method: req.method ?? "",
          contentType: String(req.headers["content-type"] ?? ""),
          params,
          data: params.data ? JSON.parse(params.data) : {},
          raw,
        });
        const list = this.answers.get(params.api ?? "") ?? [];
        const body = list.length > 1 ? list.shift() : list[0];
        if (body === undefined) {
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ api: params.api, v: "1.0", retCode: "30001", retMsg: "invalid api" }));
          return;
        }
        const text = typeof body === "string" ? body : JSON.stringify(body);
        if (String(req.headers["accept-encoding"] ?? "").includes("gzip")) {
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync(text));
        } else res.writeHead(200, { "content-type": "application/json" }).end(text);
      });
    });
    this.url = await listenOnLoopback(this.server);
    this.connector = createYkseConnector({
      baseUrl: this.url,
      accountId: "unit",
      credentials: CREDENTIALS,
      clock: this.clock,
      recorder: this.recorder,
      timeoutMs: 2000,
    });
    return this;
  }

  last(): SeenRequest {
    const r = this.seen.at(-1);
    if (!r) throw new Error("no request seen");
    return r;
  }

  reset(): void {
    this.seen.length = 0;
    this.answers.clear();
  }

  async stop(): Promise<void> {
    await this.connector.close();
    await closeLoopback(this.server);
  }
}
